/// A custom static header sent with every delivery of a webhook.
public struct WebhookHeader: Sendable, Equatable, Codable {
    /// The field name, as given.
    public let name: String
    /// The field value.
    public let value: String

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
