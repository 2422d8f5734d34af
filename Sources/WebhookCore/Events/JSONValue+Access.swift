/// Small readings of a value that the payload formats and the seed normalisation share.
extension JSONValue {
    /// The value, or JSON `null` when absent.
    static func orNull(_ value: JSONValue?) -> JSONValue {
        value ?? .null
    }

    /// The string this value holds, or `nil`.
    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// Whether this is JSON `null`.
    var isNull: Bool {
        self == .null
    }

    /// An id as text for a URL: a string as is, a number as JavaScript prints it, `nil` otherwise.
    var idText: String? {
        switch self {
        case .string(let text): text
        case .number(let value) where value.isFinite: JavaScriptNumber.format(value)
        default: nil
        }
    }
}
