extension EventType {
    /// Checks a producer's `data` for `type` against the core of `type.schema`.
    ///
    /// `data` must be strict JSON (as `DeliveryEnvelope.canonicalData(_:)` reads it) and a JSON object. Then, from
    /// the schema, at every level it describes (members listed under `properties`, elements under `items`):
    /// - `required`: each listed member is present;
    /// - `type`: the value's JSON type is one of those listed (`integer` means a number without a fraction);
    /// - `enum`: the value is one of those listed.
    ///
    /// Everything else is not checked: `format` (dates, emails), `minimum`/`maximum`, the shape of members matched
    /// only by `additionalProperties`, and members the schema does not list, which are always allowed (producers
    /// may add custom fields). A member that is present but not listed is passed through untouched.
    ///
    /// - Throws: `EventDataError` for the first problem found, naming its path from `data`.
    public static func validate(data: [UInt8], for type: EventType) throws(EventDataError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw .malformedJSON(error)
        }
        try check(value, for: type)
    }

    /// ``validate(data:for:)`` for a `data` member that `DeliveryEnvelope.canonicalMember(_:ofObject:)` has already
    /// parsed strictly and made canonical (as the publish API does), so it is read without a second parse.
    public static func validate(canonicalData data: [UInt8], for type: EventType) throws(EventDataError) {
        try check(JSONValue(canonical: data), for: type)
    }

    private static func check(_ value: JSONValue, for type: EventType) throws(EventDataError) {
        guard case .object = value else { throw .notAnObject(found: value.schemaTypeName) }
        try SchemaCheck.check(value, against: type.documentation.schema, at: "")
    }
}

/// The subset of JSON Schema that `EventType.validate(data:for:)` enforces: `type`, `enum`, `required`,
/// `properties` and `items`, recursively.
private enum SchemaCheck {
    static func check(_ value: JSONValue, against schema: JSONValue, at path: String) throws(EventDataError) {
        guard case .object = schema else { return } // `true` (or any non-object) schema: anything goes

        if let allowed = typeNames(schema["type"]), value.schemaTypes.isDisjoint(with: allowed) {
            throw .wrongType(path: path, expected: allowed, found: value.schemaTypeName)
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            throw .notAllowed(path: path, allowed: options.map(describe))
        }

        switch value {
        case .object:
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where value[key] == nil {
                    throw .missingField(path: join(path, key))
                }
            }
            if case .object(let properties)? = schema["properties"] {
                for property in properties {
                    if let member = value[property.key] {
                        try check(member, against: property.value, at: join(path, property.key))
                    }
                }
            }
        case .array(let elements):
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    try check(element, against: items, at: "\(path)[\(index)]")
                }
            }
        default:
            break
        }
    }

    /// The names in a `type` keyword: one string or an array of strings.
    private static func typeNames(_ keyword: JSONValue?) -> [String]? {
        switch keyword {
        case .string(let name)?: [name]
        case .array(let names)?: names.compactMap { if case .string(let name) = $0 { name } else { nil } }
        default: nil
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// An `enum` value for a message: strings bare, anything else as its JSON type name or literal.
    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): String(flag)
        case .null: "null"
        default: value.schemaTypeName
        }
    }
}
