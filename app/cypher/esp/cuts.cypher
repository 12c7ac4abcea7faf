// The cuts of the 3x3 grid (九宫格) on $as_of: the $low and $high percentiles (0 to 1, linear
// interpolation) of the contribution (sales) and the potential scores in force on that date,
// each over the accounts that have that score; [null, null] when none has it.
MATCH (a:Account)
CALL (a) {
  <<include esp/in_force>>
}
RETURN [percentileCont(current.sales, $low), percentileCont(current.sales, $high)] AS contribution,
       [percentileCont(current.potential, $low), percentileCont(current.potential, $high)] AS potential
