/// The pieces several event types' schemas and examples share, named once; each family's file lays them together
/// with its own members (see ``merged(_:)``).
extension EventDocumentation {
    // MARK: Schemas

    /// A string.
    static let string: JSONValue = ["type": "string"]

    /// A string that may be unknown.
    static let nullableString: JSONValue = ["type": ["string", "null"]]

    /// An email address that may be unknown.
    static let nullableEmail: JSONValue = ["type": ["string", "null"], "format": "email"]

    /// A point in time, as `2025-01-15T10:30:00.000Z`.
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]

    /// An id: a string on this platform, where seed 002 shows an integer.
    static let stringOrIntegerID: JSONValue = [
        "type": ["string", "integer"], "description": "A string on this platform; seed 002 shows integers.",
    ]

    /// A person's id and contact fields, as seeds 000 and 004 name them (a lead, a visitor).
    static let contactProperties: JSONValue = [
        "id": string,
        "name": nullableString,
        "email": nullableEmail,
        "phone": nullableString,
    ]

    /// The visitor's contact fields and page, as seed 003 names them at the top of conversation and message events.
    static let visitorProperties: JSONValue = [
        "visitor_name": nullableString,
        "visitor_email": nullableEmail,
        "visitor_phone": nullableString,
        "visitor_ip": nullableString,
        "current_url": nullableString,
    ]

    /// An object schema that requires `required`, describes `properties` and allows any other member (products add
    /// custom fields); it allows `null` too when `nullable`.
    static func openObject(
        nullable: Bool = false, description: String? = nil, required: JSONValue, properties: JSONValue
    ) -> JSONValue {
        let type: JSONValue = nullable ? ["object", "null"] : "object"
        let described: JSONValue = description.map { ["description": .string($0)] } ?? [:]
        return merged(
            ["type": type], described, ["required": required, "properties": properties, "additionalProperties": true])
    }

    // MARK: Examples

    /// The example visitor's `visitorProperties`.
    static let exampleVisitor: JSONValue = [
        "visitor_name": "John Doe",
        "visitor_email": "john@example.com",
        "visitor_phone": "+1234567890",
        "visitor_ip": "192.168.1.100",
        "current_url": "https://example.com/products",
    ]

    // MARK: Laying pieces together

    /// The objects `parts` laid over one another in order (see `JSONValue.merging(_:)`): every member of each, in
    /// the order written, a later member with an earlier one's key merged into it in place.
    static func merged(_ parts: JSONValue...) -> JSONValue {
        parts.reduce([:]) { $0.merging($1) }
    }
}
