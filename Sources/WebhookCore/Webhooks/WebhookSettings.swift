/// The part of a webhook its owner controls, validated. Create, PUT and PATCH all end in one of these.
public struct WebhookSettings: Sendable, Equatable {
    /// A label.
    public var name: String
    /// Where deliveries go.
    public var url: String
    /// Subscribed event names, aliases or wildcards, as the owner wrote them (deduplicated, in order).
    public var eventTypes: [String]
    /// Whether deliveries are sent.
    public var isActive: Bool
    /// How deliveries are signed (a `SignatureScheme` raw value).
    public var signatureScheme: String
    /// How deliveries are written: the envelope, event names and headers a receiver expects.
    public var payloadFormat: PayloadFormat
    /// Retries after the first attempt; with a ``retryScheduleMilliseconds``, its length.
    public var maxRetries: Int
    /// Base delay between attempts, in milliseconds.
    public var retryDelayMilliseconds: Int
    /// The exact delay before each retry, in milliseconds, replacing the backoff; empty when there is none.
    public var retryScheduleMilliseconds: [Int]
    /// Per-attempt timeout, in milliseconds.
    public var timeoutMilliseconds: Int
    /// Requests in flight at once for this webhook.
    public var maxConcurrency: Int
    /// Static headers added to every delivery; sensitive ones sealed once stored.
    public var headers: [WebhookHeader]
    /// In which order deliveries go out.
    public var ordering: WebhookOrdering
    /// At most this many requests per second, or `nil` for no limit.
    public var rateLimit: Int?

    /// Defaults for absent fields (seed 004's retries, seeds 000/002's 10 s timeout).
    public enum Defaults {
        /// `maxRetries` when absent.
        public static let maxRetries = 3
        /// `retryDelay` when absent, in milliseconds.
        public static let retryDelayMilliseconds = 1_000
        /// `timeout` when absent, in milliseconds.
        public static let timeoutMilliseconds = 10_000
        /// `maxConcurrency` when absent.
        public static let maxConcurrency = 16
    }

    /// Creates settings without validation (for values read back from storage).
    public init(name: String, url: String, eventTypes: [String], isActive: Bool, signatureScheme: String,
                payloadFormat: PayloadFormat = .standard, maxRetries: Int, retryDelayMilliseconds: Int,
                retryScheduleMilliseconds: [Int] = [],
                timeoutMilliseconds: Int, maxConcurrency: Int, headers: [WebhookHeader],
                ordering: WebhookOrdering = .concurrent, rateLimit: Int? = nil) {
        self.name = name
        self.url = url
        self.eventTypes = eventTypes
        self.isActive = isActive
        self.signatureScheme = signatureScheme
        self.payloadFormat = payloadFormat
        self.maxRetries = maxRetries
        self.retryDelayMilliseconds = retryDelayMilliseconds
        self.retryScheduleMilliseconds = retryScheduleMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxConcurrency = maxConcurrency
        self.headers = headers
        self.ordering = ordering
        self.rateLimit = rateLimit
    }

    /// Validates a complete input (POST and PUT): `url` and `eventTypes` are required, other fields default.
    /// `payloadFormat` defaults to the seed format the subscriptions imply (``PayloadFormat/implied(bySubscriptions:)``)
    /// or else the deployment's, and `signatureScheme` to the one that format's document verifies, so a receiver
    /// written from a seed document works with that document's own create body. `currentHeaders` are the
    /// headers a PUT replaces, whose sensitive values a masked value keeps.
    public static func validated(_ input: WebhookInput, rules: WebhookRules,
                                 currentHeaders: [WebhookHeader] = []) throws(WebhookValidationError) -> WebhookSettings {
        guard let url = input.url else { throw WebhookValidationError(code: "required", field: "url", message: "is required") }
        guard let eventTypes = input.eventTypes else {
            throw WebhookValidationError(code: "required", field: "eventTypes", message: "is required")
        }
        let checkedURL = try rules.checkURL(url)
        let format = try input.payloadFormat.map { name throws(WebhookValidationError) in try rules.checkFormat(name) }
            ?? PayloadFormat.implied(bySubscriptions: eventTypes) ?? rules.defaultPayloadFormat
        var name = WebhookRules.defaultName(for: checkedURL)
        if let given = input.name { name = try rules.checkName(given) }
        let schedule = try rules.checkRetrySchedule(input.retrySchedule ?? [])
        let settings = WebhookSettings(
            name: name,
            url: checkedURL,
            eventTypes: try rules.checkEventTypes(eventTypes, format: format),
            isActive: input.isActive ?? true,
            signatureScheme: try rules.checkScheme(input.signatureScheme ?? format.defaultSignatureScheme.rawValue),
            payloadFormat: format,
            maxRetries: try schedule.isEmpty
                ? rules.checkMaxRetries(input.maxRetries ?? min(Defaults.maxRetries, rules.limits.maxRetries))
                : rules.checkMaxRetries(input.maxRetries, against: schedule),
            retryDelayMilliseconds: try rules.checkRetryDelay(input.retryDelay ?? Defaults.retryDelayMilliseconds),
            retryScheduleMilliseconds: schedule,
            timeoutMilliseconds: try rules.checkTimeout(input.timeout ?? Defaults.timeoutMilliseconds),
            maxConcurrency: try rules.checkConcurrency(input.maxConcurrency ?? Defaults.maxConcurrency),
            headers: try rules.checkSensitivity(rules.checkHeaders(input.headers ?? []), marks: input.sensitiveHeaders,
                                                current: currentHeaders),
            ordering: try input.ordering.map { name throws(WebhookValidationError) in try rules.checkOrdering(name) }
                ?? .concurrent,
            rateLimit: try input.rateLimit.flatMap { $0 }.map { value throws(WebhookValidationError) in
                try rules.checkRateLimit(value)
            })
        return settings
    }

    /// Applies a partial input (PATCH) over these settings; present fields are validated as on create.
    ///
    /// A new `payloadFormat` without a `signatureScheme` brings that format's scheme, as on create, and the
    /// subscriptions (given or kept) must be events the new format sends.
    public func patched(with input: WebhookInput, rules: WebhookRules) throws(WebhookValidationError) -> WebhookSettings {
        var next = self
        if let name = input.name { next.name = try rules.checkName(name) }
        if let url = input.url { next.url = try rules.checkURL(url) }
        if let format = input.payloadFormat {
            next.payloadFormat = try rules.checkFormat(format)
            if next.payloadFormat != payloadFormat && input.signatureScheme == nil {
                next.signatureScheme = next.payloadFormat.defaultSignatureScheme.rawValue
            }
        }
        if let eventTypes = input.eventTypes {
            next.eventTypes = try rules.checkEventTypes(eventTypes, format: next.payloadFormat)
        } else if next.payloadFormat != payloadFormat {
            next.eventTypes = try rules.checkEventTypes(eventTypes, format: next.payloadFormat)
        }
        if let isActive = input.isActive { next.isActive = isActive }
        if let scheme = input.signatureScheme { next.signatureScheme = try rules.checkScheme(scheme) }
        if let schedule = input.retrySchedule { next.retryScheduleMilliseconds = try rules.checkRetrySchedule(schedule) }
        if next.retryScheduleMilliseconds.isEmpty {
            if let maxRetries = input.maxRetries { next.maxRetries = try rules.checkMaxRetries(maxRetries) }
        } else {
            next.maxRetries = try rules.checkMaxRetries(input.maxRetries, against: next.retryScheduleMilliseconds)
        }
        if let delay = input.retryDelay { next.retryDelayMilliseconds = try rules.checkRetryDelay(delay) }
        if let timeout = input.timeout { next.timeoutMilliseconds = try rules.checkTimeout(timeout) }
        if let concurrency = input.maxConcurrency { next.maxConcurrency = try rules.checkConcurrency(concurrency) }
        if let ordering = input.ordering { next.ordering = try rules.checkOrdering(ordering) }
        if let rateLimit = input.rateLimit {
            next.rateLimit = try rateLimit.map { value throws(WebhookValidationError) in try rules.checkRateLimit(value) }
        }
        if input.headers != nil || input.sensitiveHeaders != nil {
            next.headers = try rules.checkSensitivity(try input.headers.map { headers throws(WebhookValidationError) in
                try rules.checkHeaders(headers)
            } ?? headers, marks: input.sensitiveHeaders, current: headers)
        }
        return next
    }
}
