"""Officer-side views: flow task forms, the request page, downloads and lists."""
