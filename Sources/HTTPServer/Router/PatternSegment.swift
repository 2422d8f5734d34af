/// One segment of a route pattern.
enum PatternSegment {
    case literal(String)
    case parameter(String)

    /// Splits `/a/{id}/b` into segments, ignoring empty ones; nil when a `{...}` segment is malformed.
    static func parse(_ pattern: String) -> [PatternSegment]? {
        var segments: [PatternSegment] = []
        for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            if part.hasPrefix("{") || part.hasSuffix("}") || part.contains("{") || part.contains("}") {
                guard part.count > 2, part.hasPrefix("{"), part.hasSuffix("}") else { return nil }
                let name = part.dropFirst().dropLast()
                guard !name.contains("{"), !name.contains("}") else { return nil }
                segments.append(.parameter(String(name)))
            } else {
                segments.append(.literal(String(part)))
            }
        }
        return segments
    }
}
