/// Literals, so the event catalogue's schemas and examples are written as data in Swift (`["type": "string"]`),
/// checked by the compiler and kept in memory: WebhookCore reads no file at run time.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A string.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A number.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    /// `true` or `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// An array.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// An object with its members in the order written.
    public init(dictionaryLiteral members: (String, JSONValue)...) {
        self = .object(members.map { Member(key: $0.0, value: $0.1) })
    }
}

extension JSONValue {
    /// This value with `patch` laid over it. When both are objects, each member of `patch` takes the place of the
    /// member with its key (merged in turn when both values are objects) or, when there is none, is appended;
    /// otherwise the result is `patch`. `null` in `patch` is a value like any other (unlike RFC 7396).
    func merging(_ patch: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let additions) = patch else { return patch }
        for addition in additions {
            if let position = members.firstIndex(where: { $0.key == addition.key }) {
                members[position] = Member(key: addition.key, value: members[position].value.merging(addition.value))
            } else {
                members.append(addition)
            }
        }
        return .object(members)
    }

    /// Compact JSON text, as `JSON.stringify` writes this value: members in their order, strings escaped by
    /// `JSONStringEscaper`, numbers laid out by `JavaScriptNumber`.
    public var compactJSON: [UInt8] {
        var output: [UInt8] = []
        write(to: &output)
        return output
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONStringEscaper.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .string(let text): JSONStringEscaper.appendQuoted(text, to: &output)
        case .number(let value): output += Array(JavaScriptNumber.format(value).utf8)
        case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
        case .null: output += Array("null".utf8)
        }
    }
}
