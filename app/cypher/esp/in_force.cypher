// Part, inside CALL (a) { ... }: the ESP+ evaluations of account `a` in force on $as_of
// (docs/domain.md section 13). `current` is the latest dated evaluation on or before $as_of,
// else the undated esp_* scores on the account (known since always); `previous` is the one
// before `current`. Each {at, sales, potential, demonstration, winnable} (at null: undated),
// or null when there is none.
OPTIONAL MATCH (a)-[:HAS_ESP_SCORE]->(s:EspScore)
WHERE s.at <= $as_of
WITH a, s ORDER BY s.at DESC
WITH a, collect(s {.at, .sales, .potential, .demonstration, .winnable})[..2] AS dated
WITH dated + CASE
       WHEN coalesce(a.esp_sales, a.esp_potential, a.esp_demonstration, a.esp_winnable) IS NULL
       THEN [] ELSE [{at: null, sales: a.esp_sales, potential: a.esp_potential,
                      demonstration: a.esp_demonstration, winnable: a.esp_winnable}] END AS evaluations
RETURN evaluations[0] AS current, evaluations[1] AS previous
