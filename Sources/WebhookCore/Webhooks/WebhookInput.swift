/// Webhook fields as a client sent them, already type-checked by the API layer; `nil` means "absent".
public struct WebhookInput: Sendable, Equatable {
    /// A label.
    public var name: String?
    /// Where deliveries go.
    public var url: String?
    /// Event names, aliases or wildcards to subscribe to.
    public var eventTypes: [String]?
    /// Whether deliveries are sent.
    public var isActive: Bool?
    /// How deliveries are signed (`SignatureScheme` raw value).
    public var signatureScheme: String?
    /// How deliveries are written (`PayloadFormat` raw value).
    public var payloadFormat: String?
    /// Retries after the first attempt.
    public var maxRetries: Int?
    /// Base delay between attempts, in milliseconds.
    public var retryDelay: Int?
    /// The exact delay before each retry, in milliseconds; `[]` (JSON `null` too) removes the schedule.
    public var retrySchedule: [Int]?
    /// Per-attempt timeout, in milliseconds.
    public var timeout: Int?
    /// Requests in flight at once for this webhook.
    public var maxConcurrency: Int?
    /// In which order deliveries go out (`WebhookOrdering` raw value).
    public var ordering: String?
    /// Requests per second at most: absent (`nil`), no limit (`.some(nil)`, JSON `null`), or a limit.
    public var rateLimit: Int??
    /// Static headers added to every delivery, in order.
    public var headers: [WebhookHeader]?
    /// Names of headers whose values are credentials beyond those recognised by name; `nil` when absent.
    public var sensitiveHeaders: [String]?
    /// A caller-chosen secret (seeds 000, 001 and 002 let the user choose one).
    public var secret: String?

    /// Creates an input with every field absent.
    public init() {}
}
