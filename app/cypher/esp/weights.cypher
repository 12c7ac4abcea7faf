MATCH (w:EspWeights)
RETURN w.industry AS industry, w.sales AS sales, w.potential AS potential,
       w.demonstration AS demonstration, w.winnable AS winnable
ORDER BY industry
