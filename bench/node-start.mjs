// Nothing: `make bench` times Node starting on it, the floor under `galley --version`.
