extension EventType {
    /// The JSON Schema (draft 2020-12) of this type's `data`, as compact JSON text.
    public var schema: String {
        String(decoding: documentation.schema.compactJSON, as: UTF8.self)
    }

    /// An example `data` for this type, as compact JSON text; it validates against `schema`, and each format's
    /// body of it (``formats``) carries every field that format's document shows for the event.
    public var example: String {
        String(decoding: documentation.example.compactJSON, as: UTF8.self)
    }

    /// The body of `GET /api/v1/event-types`, compact UTF-8 JSON:
    /// `{"eventTypes":[{"name","aliases","description","schema":{…},"example":{…},"formats":{…}},…],"total":n}`, in
    /// catalogue order, with each schema and example embedded as a JSON object (not a string). `formats` has a
    /// member per format that sends the type (``formats``): `{"<format>":{"name":"<its event name>","example":{<the
    /// body of the example>}},…}`.
    public static func catalogueJSON() -> [UInt8] {
        renderedCatalogue
    }

    /// The members this type's schema lists; a producer's other members pass through every format.
    var canonicalMemberNames: Set<String> {
        guard case .object(let properties)? = documentation.schema["properties"] else { return [] }
        return Set(properties.map(\.key))
    }

    /// The schema and example of this type.
    var documentation: EventDocumentation {
        EventDocumentation.byName[name] ?? .undocumented(name)
    }

    private static let renderedCatalogue: [UInt8] = {
        var output = Array(#"{"eventTypes":["#.utf8)
        for (position, type) in catalogue.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output += Array(#"{"name":"#.utf8)
            JSONStringEscaper.appendQuoted(type.name, to: &output)
            output += Array(#","aliases":["#.utf8)
            for (aliasPosition, alias) in type.aliases.enumerated() {
                if aliasPosition > 0 { output.append(UInt8(ascii: ",")) }
                JSONStringEscaper.appendQuoted(alias, to: &output)
            }
            output += Array(#"],"description":"#.utf8)
            JSONStringEscaper.appendQuoted(type.summary, to: &output)
            output += Array(#","schema":"#.utf8)
            output += type.documentation.schema.compactJSON
            output += Array(#","example":"#.utf8)
            output += type.documentation.example.compactJSON
            output += Array(#","formats":{"#.utf8)
            for (formatPosition, format) in type.formats.enumerated() {
                if formatPosition > 0 { output.append(UInt8(ascii: ",")) }
                JSONStringEscaper.appendQuoted(format.format.rawValue, to: &output)
                output += Array(#":{"name":"#.utf8)
                JSONStringEscaper.appendQuoted(format.name, to: &output)
                output += Array(#","example":"#.utf8)
                output += format.exampleBody
                output.append(UInt8(ascii: "}"))
            }
            output += Array("}}".utf8)
        }
        output += Array(#"],"total":\#(catalogue.count)}"#.utf8)
        return output
    }()
}
