/// Why `EventType.validate(data:for:)` refused an event's `data`; the publish API answers it with 422 (400 for
/// malformed JSON) naming `field`.
public enum EventDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not strict JSON (see `DeliveryEnvelope.canonicalData(_:)` for what is refused).
    case malformedJSON(JSONDataError)
    /// `data` itself is not a JSON object; `found` is the JSON Schema type it is (`array`, `string`, `null`, ...).
    case notAnObject(found: String)
    /// A member the event's schema requires is absent. `path` is dotted from `data`, e.g. `conversation.outcome`.
    case missingField(path: String)
    /// A member has a JSON type its schema does not allow, e.g. `expected: ["string", "null"], found: "integer"`.
    case wrongType(path: String, expected: [String], found: String)
    /// A member's value is not one of the values its schema lists (`enum`).
    case notAllowed(path: String, allowed: [String])

    /// The field to name in an API error: `data` or `data.<path>`.
    public var field: String {
        switch self {
        case .malformedJSON, .notAnObject: "data"
        case .missingField(let path), .wrongType(let path, _, _), .notAllowed(let path, _): "data.\(path)"
        }
    }

    /// A sentence for people.
    public var message: String {
        switch self {
        case .malformedJSON(let error): error.description
        case .notAnObject(let found): "must be a JSON object, not \(Self.phrase(found))"
        case .missingField: "is required"
        case .wrongType(_, let expected, let found):
            "must be \(expected.map(Self.phrase).joined(separator: " or ")), not \(Self.phrase(found))"
        case .notAllowed(_, let allowed): "must be one of \(allowed.joined(separator: ", "))"
        }
    }

    /// `field: message`, e.g. `data.visitor: is required`.
    public var description: String {
        if case .malformedJSON(let error) = self { return "data: \(error.description)" }
        return "\(field): \(message)"
    }

    /// `null`, `an object`, `a string`, ...
    private static func phrase(_ typeName: String) -> String {
        switch typeName {
        case "null": "null"
        case "array", "object", "integer": "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}
