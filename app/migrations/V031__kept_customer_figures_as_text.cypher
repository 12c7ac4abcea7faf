// The customer line's kept figures are two JSON texts per account from this version on
// (customers_figures, customers_key_person_ids; app/kpis/customer_rows.py): the lists they were
// kept as before go (their rule no longer holds anyway).
MATCH (k:KeptAccount)
REMOVE k.customers_key_persons, k.customers_key_person_ids, k.customers_sums,
       k.customers_counts, k.customers_open_count, k.customers_open_amount;
