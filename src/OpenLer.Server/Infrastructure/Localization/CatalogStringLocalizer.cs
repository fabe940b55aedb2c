using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OpenLer.Server.Infrastructure.Localization;

/// <summary>
/// Looks strings up in the <see cref="TextCatalog"/> for the current UI language (from our language table, never from
/// .NET's culture names alone). A string with no translation falls back to its English key, marked not found.
/// </summary>
public sealed class CatalogStringLocalizer(TextCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var language = Languages.Current.Code;
            var text = catalog.Find(language, name) ?? catalog.Find(Languages.Default.Code, name);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null || (language != Languages.Default.Code && catalog.Find(language, name) is null));
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.Strings(Languages.Current.Code).Select(pair => new LocalizedString(pair.Key, pair.Value, resourceNotFound: false));
}

/// <summary>Every localizer of the app reads the one catalog (one resource for the whole app, keyed by English text).</summary>
public sealed class CatalogStringLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    private readonly CatalogStringLocalizer _localizer = new(catalog);

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;
}
