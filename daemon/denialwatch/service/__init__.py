"""The shell around the pure core: ingestion, processing, filing, delivery and the loop."""
