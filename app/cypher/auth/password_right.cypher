// A right password: the principal's tries in a row are forgotten and its lock lifted.
MATCH (p:Principal {id: $id})
SET p.failed_sign_ins = 0, p.locked_until = null
