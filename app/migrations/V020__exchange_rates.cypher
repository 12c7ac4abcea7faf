// Dated exchange rates (the import document's exchange_rates): one node per currency and the
// day it takes effect, the units of the reporting currency one unit of it is worth from then
// until its next rate.
CREATE CONSTRAINT exchange_rate_currency_at IF NOT EXISTS
FOR (r:ExchangeRate) REQUIRE (r.currency, r.at) IS UNIQUE;
