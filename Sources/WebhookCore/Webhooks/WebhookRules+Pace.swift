extension WebhookRules {
    /// The `ordering` named `name`.
    func checkOrdering(_ name: String) throws(WebhookValidationError) -> WebhookOrdering {
        guard let ordering = WebhookOrdering(rawValue: name) else {
            throw WebhookValidationError(field: "ordering", message: "must be one of concurrent, fifo")
        }
        return ordering
    }
}

extension WebhookRules {
    /// The bounds of `rateLimit`, requests per second.
    public static let rateLimitRange = 1...1_000

    /// A `rateLimit`: requests per second within ``rateLimitRange``.
    func checkRateLimit(_ value: Int) throws(WebhookValidationError) -> Int {
        guard Self.rateLimitRange.contains(value) else {
            throw WebhookValidationError(field: "rateLimit", message: "must be from 1 to 1000 requests per second, or null")
        }
        return value
    }
}
