raise SystemExit("stale build output leaked")
