extension WebhookRules {
    /// The `ordering` named `name`.
    func checkOrdering(_ name: String) throws(WebhookValidationError) -> WebhookOrdering {
        guard let ordering = WebhookOrdering(rawValue: name) else {
            throw WebhookValidationError(field: "ordering", message: "must be one of concurrent, fifo")
        }
        return ordering
    }
}
