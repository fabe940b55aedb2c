namespace OpenLer.Credentials.Tests.JsonLd;

/// <summary>Credentials written for these tests (and the benchmarks); not taken from any suite.</summary>
public static class SampleCredentials
{
    /// <summary>A typical Open Badges 3.0 credential (VC 2.0 + OB 3.0.3 contexts), about 2 KB, without its proof.</summary>
    public const string OpenBadge = """
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "urn:uuid:4f9c2b1e-8a0d-4c3e-9b7a-2f1d6e5c8a90",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Workplace Readiness Program",
          "issuer": {
            "id": "did:web:rescue.example:tucson",
            "type": ["Profile"],
            "name": "International Rescue Committee, Tucson",
            "url": "https://rescue.example/tucson",
            "email": "jobs-tucson@rescue.example"
          },
          "validFrom": "2026-03-01T00:00:00Z",
          "validUntil": "2029-03-01T00:00:00Z",
          "credentialSubject": {
            "id": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "type": ["AchievementSubject"],
            "activityEndDate": "2026-02-27T00:00:00Z",
            "achievement": {
              "id": "https://rescue.example/achievements/workplace-readiness",
              "type": ["Achievement"],
              "achievementType": "Certificate",
              "name": "Workplace Readiness",
              "description": "Completed 40 hours of job-readiness training: workplace communication, safety, resume writing and interview practice.",
              "criteria": {
                "narrative": "Attend at least 36 of the 40 hours and complete a mock interview with a volunteer employer."
              },
              "image": {
                "id": "https://rescue.example/badges/workplace-readiness.png",
                "type": "Image",
                "caption": "Workplace Readiness badge"
              },
              "alignment": [
                {
                  "type": ["Alignment"],
                  "targetName": "Customer Service Representatives",
                  "targetUrl": "https://www.onetonline.org/link/summary/43-4051.00",
                  "targetFramework": "O*NET-SOC",
                  "targetCode": "43-4051.00"
                },
                {
                  "type": ["Alignment"],
                  "targetName": "Food Handler Safety",
                  "targetUrl": "https://rescue.example/skills/food-handler",
                  "targetFramework": "IRC Skills"
                }
              ],
              "inLanguage": "en"
            }
          }
        }
        """;
}
