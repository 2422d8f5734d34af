import ArgumentParser
import Storage

/// `webhooksd migrate`: applies pending migrations.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    func run() throws {
        let settings = try Startup.settings()
        Startup.reporting {
            let database = try Startup.database(settings)
            defer { database.close() }
            let applied = try database.migrate()
            print(applied.isEmpty ? "migrations: up to date"
                                  : "migrations: applied \(applied.map(String.init).joined(separator: ", "))")
        }
    }
}
