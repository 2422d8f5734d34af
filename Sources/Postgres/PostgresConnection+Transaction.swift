internal import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when `body` returns, or
    /// `ROLLBACK` when it throws, after which the error is rethrown. Called inside another
    /// transaction, it uses a savepoint instead, so only `body`'s work is rolled back.
    ///
    /// - Throws: What `body` throws, a ``PostgresError`` from `BEGIN` or `COMMIT` (a
    ///   serialization failure, for instance), or a `.query` error with SQLSTATE 25P02 when
    ///   `body` caught a failed statement's error and returned normally: the transaction
    ///   was aborted by that statement and has been rolled back.
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let savepoint: String?
        switch transactionStatus {
        case PQTRANS_IDLE:
            try simpleQuery("BEGIN")
            savepoint = nil
        case PQTRANS_INTRANS:
            savepointCounter += 1
            let name = "pgswift_savepoint_\(savepointCounter)"
            try simpleQuery("SAVEPOINT \(name)")
            savepoint = name
        case PQTRANS_INERROR:
            throw PostgresError(
                kind: .query,
                message: "cannot start a transaction inside an aborted transaction",
                sqlState: "25P02"
            )
        default:
            throw PostgresError(kind: .connection, message: "the connection is closed or broken")
        }
        let value: T
        do {
            value = try body(self)
        } catch {
            rollBack(to: savepoint)
            throw error
        }
        if transactionStatus == PQTRANS_INERROR {
            rollBack(to: savepoint)
            throw PostgresError(
                kind: .query,
                message: "the transaction was aborted by a failed statement whose error was caught; it was rolled back",
                sqlState: "25P02"
            )
        }
        try simpleQuery(savepoint.map { "RELEASE SAVEPOINT \($0)" } ?? "COMMIT")
        return value
    }

    /// Rolls back the transaction or to the savepoint, ignoring errors: the caller is
    /// already reporting the error that made it roll back.
    private func rollBack(to savepoint: String?) {
        try? simpleQuery(savepoint.map { "ROLLBACK TO SAVEPOINT \($0); RELEASE SAVEPOINT \($0)" } ?? "ROLLBACK")
    }
}
