/// A webhook field that breaks a rule; the API answers it with 422 (or 402 for plan limits) naming the field.
public struct WebhookValidationError: Error, Equatable, CustomStringConvertible {
    /// A stable snake_case code.
    public let code: String
    /// The JSON field at fault (`url`, `eventTypes[2]`, `headers.X-Foo`, ...).
    public let field: String
    /// A sentence for people.
    public let message: String

    /// Creates a validation error.
    public init(code: String = "invalid_field", field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
