import ArgumentParser
import Foundation
import Logging
import Storage

/// What every command does first: read the settings, set up logging, open the database.
enum Startup {
    /// Reads the settings from the process environment; a bad one ends the process with a one-line message.
    static func settings() throws -> Settings {
        do {
            return try Settings(environment: ProcessInfo.processInfo.environment)
        } catch {
            fail(error.description)
        }
    }

    /// Prints `webhooksd: <message>` to standard error and exits with status 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("webhooksd: \(message)\n".utf8))
        exit(2)
    }

    /// Runs `body`, turning a known error into a one-line message and exit status 1.
    static func reporting<T>(_ body: () throws -> T) -> T {
        do {
            return try body()
        } catch let error as SettingsError {
            fail(error.description)
        } catch {
            FileHandle.standardError.write(Data("webhooksd: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Bootstraps swift-log once, at `level`: JSON lines on standard output, written in the background.
    static func bootstrapLogging(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        return Logger(label: "webhooksd")
    }

    /// Opens the database described by the settings, with this build's migrations.
    static func database(_ settings: Settings) throws -> Database {
        let url = try settings.requireDatabaseURL()
        let migrations = try MigrationRunner.load(directory: settings.migrationsDirectory)
        return Database(url: url, poolSize: settings.databasePoolSize, migrations: migrations,
                        readCache: ReadCache(timeToLive: .seconds(settings.readCacheSeconds)))
    }
}
