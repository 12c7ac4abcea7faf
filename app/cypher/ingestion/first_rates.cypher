// The day of the first stored exchange rate of each of $currencies that has one: a rate on or
// before a day exists when the first one is on or before it (rates are never deleted).
UNWIND $currencies AS currency
MATCH (r:ExchangeRate {currency: currency})
RETURN currency, min(r.at) AS first
