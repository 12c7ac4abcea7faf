// One more failed sign-in of the principal; locked until $locked_until when given.
MATCH (p:Principal {id: $id})
SET p.failed_sign_ins = coalesce(p.failed_sign_ins, 0) + 1,
    p.locked_until = coalesce($locked_until, p.locked_until)
