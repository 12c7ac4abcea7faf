// ESP+ weights per industry (one node per industry).
CREATE CONSTRAINT esp_weights_industry IF NOT EXISTS FOR (w:EspWeights) REQUIRE w.industry IS UNIQUE;
