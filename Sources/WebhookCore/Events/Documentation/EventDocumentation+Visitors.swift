extension EventDocumentation {
    /// `visitor.created` (seed 000 `visitor_created`).
    static let visitorCreated = EventDocumentation(
        "visitor.created",
        description: "A new visitor submitted the lead form. Seed 000 (visitor_created): data.visitor.",
        required: ["visitor"],
        properties: [
            "visitor": openObject(
                required: ["id"],
                properties: merged(contactProperties, [
                    "company": nullableString,
                    "jobTitle": nullableString,
                    "country": ["type": ["string", "null"], "description": "ISO 3166-1 alpha-2 code, e.g. US."],
                    "city": nullableString,
                    "referrer": ["type": ["string", "null"], "description": "The page that sent the visitor, a URL."],
                    "firstSeenAt": dateTime,
                    "lastSeenAt": dateTime,
                    "interests": ["type": "array", "items": string],
                    "qualityScore": ["type": ["integer", "null"], "minimum": 0, "maximum": 100],
                    "urgencyScore": ["type": ["integer", "null"], "minimum": 0, "maximum": 100],
                ])),
        ],
        example: [
            "visitor": [
                "id": "vis_xyz",
                "name": "Jane Smith",
                "email": "jane@example.com",
                "phone": "+1 555 000 0000",
                "company": "Acme Corp",
                "jobTitle": "Marketing Manager",
                "country": "US",
                "city": "New York",
                "referrer": "https://google.com",
                "firstSeenAt": "2025-01-15T10:29:55.000Z",
                "lastSeenAt": "2025-01-15T10:30:00.000Z",
                "interests": ["pricing", "enterprise"],
                "qualityScore": 82,
                "urgencyScore": 65,
            ],
        ])
}
