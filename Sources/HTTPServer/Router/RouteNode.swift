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

    /// Every method some route at or below this node answers.
    func allMethods() -> Set<HTTPMethod> {
        var methods = Set(routes.keys)
        for child in literalChildren.values { methods.formUnion(child.allMethods()) }
        for child in parameterChildStorage { methods.formUnion(child.allMethods()) }
        return methods
    }
}
