public import WebhookCore

/// What the delivery log keeps of the request one attempt sent: its headers in the order sent, credentials masked
/// (``WebhookHeader/isCredential(name:)`` and the headers marked sensitive, the `token` scheme's secret headers among them), and what the body
/// was rendered with besides the delivery itself, so the body's exact bytes can be rendered again from the
/// delivery's stored event (docs/dispatcher.md, "The request as sent").
public struct AttemptRequest: Sendable, Equatable {
    /// One header as sent (or masked).
    public struct Header: Sendable, Equatable {
        /// The field name, as sent.
        public let name: String
        /// The value, or ``WebhookHeader/maskedValue``.
        public let value: String

        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The headers we set, in order (curl adds `Host`, `Accept` and `Content-Length` before them on the wire).
    public var headers: [Header]
    /// The payload format the body was written in.
    public var payloadFormat: PayloadFormat
    /// The deployment's dashboard URL the body linked to, kept only for formats whose bodies carry links.
    public var dashboardURL: String?

    /// Creates a record of a request.
    public init(headers: [Header], payloadFormat: PayloadFormat, dashboardURL: String?) {
        self.headers = headers
        self.payloadFormat = payloadFormat
        self.dashboardURL = payloadFormat.linksToDashboard ? dashboardURL : nil
    }
}

extension AttemptRequest {
    /// The headers as one text, one `Name: value` per line: names are HTTP tokens and values hold no line breaks
    /// (custom headers are validated so; ours are generated), so the text splits back exactly.
    var storedHeaders: String {
        headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// The inverse of ``storedHeaders``.
    static func headers(stored: String) -> [Header] {
        guard !stored.isEmpty else { return [] }
        return stored.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let colon = line.firstIndex(of: ":") else { return Header(name: String(line), value: "") }
            let value = line[line.index(after: colon)...]
            return Header(name: String(line[..<colon]), value: String(value.first == " " ? value.dropFirst() : value))
        }
    }
}
