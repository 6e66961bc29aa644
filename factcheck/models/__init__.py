"""Model configuration and the two model roles (embedder, NLI); torch is imported lazily."""
