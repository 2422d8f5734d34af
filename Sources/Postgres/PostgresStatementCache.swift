/// Names of the statements a connection has prepared, keyed by SQL text and parameter types.
struct PostgresStatementCache {
    /// Identifies a prepared statement: the same SQL with other parameter types is another statement.
    struct Key: Hashable {
        let sql: String
        let parameterTypes: [UInt32]
    }

    /// How many statements one connection keeps prepared before starting over.
    static let capacity = 256

    private var names: [Key: String] = [:]
    private var counter = 0

    /// Whether adding another statement needs the cache (and the server's statements) cleared first.
    var isFull: Bool { names.count >= Self.capacity }

    /// The name under which `key` is prepared, if it is.
    func name(for key: Key) -> String? {
        names[key]
    }

    /// A statement name never handed out before on this connection.
    mutating func makeName() -> String {
        counter += 1
        return "pgswift_\(counter)"
    }

    /// Records that `key` is prepared as `name`.
    mutating func insert(_ key: Key, name: String) {
        names[key] = name
    }

    /// Forgets `key` and returns the name it was prepared as.
    mutating func remove(_ key: Key) -> String? {
        names.removeValue(forKey: key)
    }

    /// Forgets every statement.
    mutating func removeAll() {
        names.removeAll()
    }
}
