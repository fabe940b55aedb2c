using System.Diagnostics.CodeAnalysis;

namespace OpenLer.Credentials.Common;

/// <summary>
/// The result of an operation on untrusted input: a value or a <see cref="CredentialError"/>.
/// Hostile input never throws; exceptions are reserved for programmer errors.
/// </summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, CredentialError? error)
    {
        _value = value;
        Error = error;
    }

    public CredentialError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => Error is null
        ? _value!
        : throw new InvalidOperationException($"Outcome holds an error: {Error}");

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(CredentialError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static Outcome<T> Fail(string code, string message) => new(default, new CredentialError(code, message));

    public static implicit operator Outcome<T>(CredentialError error) => Fail(error);

    public static implicit operator Outcome<T>(T value) => Ok(value);

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out CredentialError error)
    {
        value = _value;
        error = Error;
        return Error is null;
    }

    public Outcome<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? Outcome<TOut>.Ok(map(_value!)) : Outcome<TOut>.Fail(Error);

    public Outcome<TOut> Then<TOut>(Func<T, Outcome<TOut>> next) =>
        IsSuccess ? next(_value!) : Outcome<TOut>.Fail(Error);
}

/// <summary>Helpers to build outcomes without spelling the type twice.</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Ok(value);

    public static CredentialError Error(string code, string message) => new(code, message);
}
