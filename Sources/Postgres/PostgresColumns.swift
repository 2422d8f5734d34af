/// Column names and types of one result, shared by all of its rows.
final class PostgresColumns: Sendable {
    /// Column names in result order.
    let names: [String]
    /// Column type OIDs in result order.
    let typeOIDs: [UInt32]
    private let indexByName: [String: Int]

    init(names: [String], typeOIDs: [UInt32]) {
        self.names = names
        self.typeOIDs = typeOIDs
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexByName[name] == nil {
            indexByName[name] = index
        }
        self.indexByName = indexByName
    }

    /// The position of the first column called `name`.
    func index(of name: String) -> Int? {
        indexByName[name]
    }
}
