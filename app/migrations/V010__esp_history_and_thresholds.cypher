// Dated ESP+ evaluations (one per account and date, hung off the account by HAS_ESP_SCORE) and
// per-industry key-account thresholds (one node per industry).
CREATE CONSTRAINT esp_score_key IF NOT EXISTS FOR (s:EspScore) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT esp_threshold_industry IF NOT EXISTS FOR (t:EspThreshold) REQUIRE t.industry IS UNIQUE;
