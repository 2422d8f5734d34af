import Postgres

extension PostgresConnection {
    /// Leaves the planner only index paths, read in index order, for the rest of the transaction: it cannot then read
    /// a whole table (a sequential scan, a hash or merge join) or sort a whole range when its statistics of a
    /// webhook's share or of the queue's size are off (docs/query-planner.md).
    func useIndexPathsOnly() throws {
        try execute(
            """
            SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),
                   set_config('enable_mergejoin', 'off', true), set_config('enable_sort', 'off', true)
            """)
    }
}
