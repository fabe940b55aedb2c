namespace OpenLer.Server.Features.StatusLists;

/// <summary>One status-list index handed out to one credential: the list's number and the index on it.</summary>
public readonly record struct StatusSlot(int ListNumber, int Index);
