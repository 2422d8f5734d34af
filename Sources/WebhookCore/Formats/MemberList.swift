/// The members of one JSON object a format lays out: each key once, in the order set, written in JavaScript's
/// order (array-index keys such as `"7"` first, ascending) so that a body always equals
/// `JSON.stringify(JSON.parse(body))`, which receivers that re-serialise before verifying depend on.
struct MemberList {
    private var members: [JSONValue.Member] = []

    /// Sets `key` to `value`, in its place when already set, else last.
    mutating func set(_ key: String, _ value: JSONValue) {
        if let position = members.firstIndex(where: { $0.key == key }) {
            members[position] = JSONValue.Member(key: key, value: value)
        } else {
            members.append(JSONValue.Member(key: key, value: value))
        }
    }

    /// Sets `key` to `value` unless it is already set.
    mutating func add(_ key: String, _ value: JSONValue) {
        if !contains(key) { members.append(JSONValue.Member(key: key, value: value)) }
    }

    /// Adds each member of the object `source` whose key is neither in `excluded` nor already set, in
    /// `source`'s order: the producer's own members, which pass through to every format.
    mutating func addMembers(of source: JSONValue?, excluding excluded: Set<String> = []) {
        guard case .object(let sourceMembers)? = source else { return }
        for member in sourceMembers where !excluded.contains(member.key) {
            add(member.key, member.value)
        }
    }

    /// Whether `key` is set.
    func contains(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    /// The object, its members in JavaScript's order.
    var object: JSONValue {
        let indices = members.filter { Self.isArrayIndex($0.key) }
        guard !indices.isEmpty else { return .object(members) }
        let sorted = indices.sorted { (UInt32($0.key) ?? 0) < (UInt32($1.key) ?? 0) }
        return .object(sorted + members.filter { !Self.isArrayIndex($0.key) })
    }

    /// ECMA-262's array index: the canonical decimal form of an integer below 2^32 − 1.
    private static func isArrayIndex(_ key: String) -> Bool {
        guard let value = UInt32(key), value < UInt32.max else { return false }
        return String(value) == key
    }
}
