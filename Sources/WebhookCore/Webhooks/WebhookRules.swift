import Foundation

/// The rules a webhook's fields must follow: the spec's validation, the tenant's plan limits, and whether private
/// targets are allowed in this deployment.
public struct WebhookRules: Sendable {
    /// The tenant's plan limits.
    public let limits: PlanLimits
    /// Whether plain-http loopback and private addresses are allowed (development and tests).
    public let allowPrivateTargets: Bool
    /// The prefix of our own delivery headers, which custom headers may not override.
    public let headerPrefix: String
    /// The payload format of a webhook created without one (`WEBHOOKS_DEFAULT_PAYLOAD_FORMAT`).
    public let defaultPayloadFormat: PayloadFormat

    /// The longest URL accepted.
    public static let maxURLLength = 2_048
    /// The most subscriptions one webhook may list.
    public static let maxEventTypes = 50
    /// The most custom headers one webhook may have.
    public static let maxHeaders = 20
    /// `retryDelay` bounds, in milliseconds.
    public static let retryDelayRange = 100...3_600_000
    /// Bounds of each `retrySchedule` delay, in milliseconds: up to the longest backoff, a day.
    public static let retryScheduleDelayRange = 100...86_400_000
    /// `timeout` bounds, in milliseconds.
    public static let timeoutRange = 1_000...30_000
    /// `maxConcurrency` bounds.
    public static let concurrencyRange = 1...100
    /// The signature schemes, by their API names.
    public static let schemes = ["standard", "hmac-sha256", "hmac-sha256-prefixed", "timestamped", "token",
                                         "standard-ed25519"]

    /// Creates the rules for one tenant and deployment.
    public init(limits: PlanLimits, allowPrivateTargets: Bool, headerPrefix: String,
                defaultPayloadFormat: PayloadFormat = .standard) {
        self.limits = limits
        self.allowPrivateTargets = allowPrivateTargets
        self.headerPrefix = headerPrefix
        self.defaultPayloadFormat = defaultPayloadFormat
    }

    /// The name used when a create leaves it out: the URL's host.
    static func defaultName(for url: String) -> String {
        URLComponents(string: url)?.host.map { String($0.prefix(200)) } ?? "Webhook"
    }

    func checkName(_ name: String) throws(WebhookValidationError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count),
              !ControlCharacters.occur(in: trimmed)
        else { throw WebhookValidationError(field: "name", message: "must be 1 to 200 characters without control characters") }
        return trimmed
    }

    func checkURL(_ raw: String) throws(WebhookValidationError) -> String {
        func invalid(_ message: String) -> WebhookValidationError {
            WebhookValidationError(code: "invalid_url", field: "url", message: message)
        }
        guard raw.utf8.count <= Self.maxURLLength else { throw invalid("must be at most \(Self.maxURLLength) characters") }
        guard !raw.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }),
              let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { throw invalid("must be an absolute URL such as https://example.com/webhooks") }
        guard components.user == nil, components.password == nil else { throw invalid("must not contain credentials") }
        guard components.fragment == nil else { throw invalid("must not contain a fragment") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid("has an invalid port") }
        let loopback = Self.isLoopbackHost(host)
        switch scheme {
        case "https": break
        case "http" where allowPrivateTargets && loopback: break
        case "http": throw invalid("must use https (plain http is allowed only for loopback in development)")
        default: throw invalid("must use https")
        }
        if !allowPrivateTargets && (AddressPolicy.isBlockedLiteral(host: host) || loopback) {
            throw invalid("must not point at a private, loopback, link-local or metadata address")
        }
        return raw
    }

    func checkEventTypes(_ entries: [String], format: PayloadFormat) throws(WebhookValidationError) -> [String] {
        guard !entries.isEmpty else {
            throw WebhookValidationError(field: "eventTypes", message: "must list at least one event type")
        }
        guard entries.count <= Self.maxEventTypes else {
            throw WebhookValidationError(field: "eventTypes", message: "must list at most \(Self.maxEventTypes) event types")
        }
        var unique: [String] = []
        for (index, entry) in entries.enumerated() {
            guard format.isValidSubscription(entry) else {
                let known = format == .standard ? "a known event type" : "an event the \(format.rawValue) format sends"
                throw WebhookValidationError(code: "unknown_event_type", field: "eventTypes[\(index)]",
                                             message: "\"\(entry.prefix(100))\" is not \(known) or wildcard; see GET /api/v1/event-types")
            }
            if !unique.contains(entry) { unique.append(entry) }
        }
        return unique
    }

    func checkFormat(_ name: String) throws(WebhookValidationError) -> PayloadFormat {
        guard let format = PayloadFormat(rawValue: name) else {
            let names = PayloadFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw WebhookValidationError(field: "payloadFormat", message: "must be one of \(names)")
        }
        return format
    }

    func checkScheme(_ scheme: String) throws(WebhookValidationError) -> String {
        guard Self.schemes.contains(scheme) else {
            throw WebhookValidationError(field: "signatureScheme", message: "must be one of \(Self.schemes.joined(separator: ", "))")
        }
        return scheme
    }

    /// The most retries any plan allows.
    private var retryCeiling: Int { PlanLimits.table.values.map(\.maxRetries).max() ?? limits.maxRetries }

    func checkMaxRetries(_ value: Int) throws(WebhookValidationError) -> Int {
        guard (0...retryCeiling).contains(value) else {
            throw WebhookValidationError(field: "maxRetries", message: "must be from 0 to \(retryCeiling)")
        }
        guard value <= limits.maxRetries else {
            throw WebhookValidationError(code: "plan_limit_exceeded", field: "maxRetries",
                                         message: "your plan allows at most \(limits.maxRetries) retries; the Scale plan allows more")
        }
        return value
    }

    /// The retries of a webhook with `schedule`: its length, which a given `maxRetries` must repeat.
    func checkMaxRetries(_ given: Int?, against schedule: [Int]) throws(WebhookValidationError) -> Int {
        guard given == nil || given == schedule.count else {
            throw WebhookValidationError(field: "maxRetries",
                                         message: "must equal the number of delays in retrySchedule (\(schedule.count)), or be left out")
        }
        return schedule.count
    }

    /// A retry schedule: at most as many delays as the plan allows retries, each within
    /// ``retryScheduleDelayRange``. Empty means none.
    func checkRetrySchedule(_ delays: [Int]) throws(WebhookValidationError) -> [Int] {
        guard delays.count <= retryCeiling else {
            throw WebhookValidationError(field: "retrySchedule", message: "must list at most \(retryCeiling) delays")
        }
        for (index, delay) in delays.enumerated() where !Self.retryScheduleDelayRange.contains(delay) {
            throw WebhookValidationError(field: "retrySchedule[\(index)]", message: "must be from 100 to 86400000 milliseconds")
        }
        guard delays.count <= limits.maxRetries else {
            throw WebhookValidationError(code: "plan_limit_exceeded", field: "retrySchedule",
                                         message: "your plan allows at most \(limits.maxRetries) retries; the Scale plan allows more")
        }
        return delays
    }

    func checkRetryDelay(_ value: Int) throws(WebhookValidationError) -> Int {
        guard Self.retryDelayRange.contains(value) else {
            throw WebhookValidationError(field: "retryDelay", message: "must be from 100 to 3600000 milliseconds")
        }
        return value
    }

    func checkTimeout(_ value: Int) throws(WebhookValidationError) -> Int {
        guard Self.timeoutRange.contains(value) else {
            throw WebhookValidationError(field: "timeout", message: "must be from 1000 to 30000 milliseconds")
        }
        return value
    }

    func checkConcurrency(_ value: Int) throws(WebhookValidationError) -> Int {
        guard Self.concurrencyRange.contains(value) else {
            throw WebhookValidationError(field: "maxConcurrency", message: "must be from 1 to 100")
        }
        return value
    }

    func checkHeaders(_ headers: [WebhookHeader]) throws(WebhookValidationError) -> [WebhookHeader] {
        guard headers.count <= Self.maxHeaders else {
            throw WebhookValidationError(field: "headers", message: "must have at most \(Self.maxHeaders) entries")
        }
        var seen = Set<String>()
        for header in headers {
            let field = "headers.\(header.name.prefix(64))"
            guard (1...64).contains(header.name.utf8.count), header.name.utf8.allSatisfy(Self.isTokenByte) else {
                throw WebhookValidationError(field: field, message: "header names must be HTTP tokens of 1 to 64 characters")
            }
            let lower = header.name.lowercased()
            guard !isReserved(lower) else {
                throw WebhookValidationError(field: field, message: "may not override a header the service sets")
            }
            guard seen.insert(lower).inserted else {
                throw WebhookValidationError(field: field, message: "is given twice")
            }
            guard header.value.utf8.count <= 1_024,
                  !ControlCharacters.occur(in: header.value, allowingTab: true)
            else {
                throw WebhookValidationError(field: field, message: "values must be at most 1024 bytes without control characters")
            }
        }
        return headers
    }

    private func isReserved(_ lowercasedName: String) -> Bool {
        let fixed: Set<String> = ["content-type", "content-length", "host", "user-agent", "transfer-encoding",
                                  "connection", "keep-alive", "expect", "te", "trailer", "upgrade",
                                  "webhook-id", "webhook-timestamp", "webhook-signature"]
        return fixed.contains(lowercasedName) || lowercasedName.hasPrefix("proxy-")
            || lowercasedName.hasPrefix(headerPrefix.lowercased() + "-")
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func isLoopbackHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") { return true }
        let bare = lower.hasPrefix("[") && lower.hasSuffix("]") ? String(lower.dropFirst().dropLast()) : lower
        guard let address = IPAddress(bare) else { return false }
        return AddressPolicy.classify(address) == .blocked(.loopback)
    }
}
