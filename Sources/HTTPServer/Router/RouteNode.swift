/// A registered route: its pattern, the names of its parameters in order, and its handler.
struct Route: Sendable {
    let pattern: String
    let parameterNames: [String]
    let runsOnEventLoop: Bool
    let handler: RouteHandler
}

/// One node of the segment tree: literal children by segment, at most one parameter child, and the
/// routes (by method) whose pattern ends here. A value type, so a snapshot can be read without locks.
struct RouteNode: Sendable {
    private(set) var routes: [HTTPMethod: Route] = [:]
    private var literalChildren: [String: RouteNode] = [:]
    /// Zero or one element: a struct cannot contain itself directly.
    private var parameterChildStorage: [RouteNode] = []

    /// Adds `route` for `method` below this node at `segments[index...]`; returns false if it already exists.
    mutating func insert(_ route: Route, method: HTTPMethod, segments: [PatternSegment], index: Int = 0) -> Bool {
        guard index < segments.count else {
            guard routes[method] == nil else { return false }
            routes[method] = route
            return true
        }
        switch segments[index] {
        case .literal(let text):
            return literalChildren[text, default: RouteNode()].insert(route, method: method, segments: segments, index: index + 1)
        case .parameter:
            if parameterChildStorage.isEmpty { parameterChildStorage.append(RouteNode()) }
            return parameterChildStorage[0].insert(route, method: method, segments: segments, index: index + 1)
        }
    }

    /// Finds the node for `segments`, preferring literal children and backtracking to the parameter child.
    func match(_ segments: [String], index: Int = 0, values: inout [String]) -> [HTTPMethod: Route]? {
        guard index < segments.count else { return routes.isEmpty ? nil : routes }
        let segment = segments[index]
        if let child = literalChildren[segment], let found = child.match(segments, index: index + 1, values: &values) {
            return found
        }
        if let child = parameterChildStorage.first {
            values.append(segment)
            if let found = child.match(segments, index: index + 1, values: &values) { return found }
            values.removeLast()
        }
        return nil
    }
}

/// One segment of a route pattern.
enum PatternSegment: Equatable {
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
