MATCH (i:Introduction {id: $id})
CALL (i) {
  <<include introductions/shown>>
}
RETURN introduction
