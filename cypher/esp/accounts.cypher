MATCH (a:Account)
RETURN a.id AS account_id, a.name AS name, a.industry AS industry,
       a.esp_sales AS sales, a.esp_potential AS potential,
       a.esp_demonstration AS demonstration, a.esp_winnable AS winnable,
       a.key_account_override AS override
ORDER BY account_id
LIMIT $max_accounts
