MERGE (w:EspWeights {industry: $industry})
SET w.sales = $sales, w.potential = $potential, w.demonstration = $demonstration,
    w.winnable = $winnable
