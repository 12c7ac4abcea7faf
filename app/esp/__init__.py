"""ESP+ key-account identification (大客户识别) and resource classes."""
