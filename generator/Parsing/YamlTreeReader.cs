using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Atlas.Codegen.Parsing;

/// <summary>
/// Reads the text of a YAML or JSON file into a tree of <see cref="YNode"/>s (a <see cref="ParsedDocument"/>); what
/// the tree means is the Model's business. Never throws for bad input: every problem becomes a <see
/// cref="DiagnosticInfo"/>. Built on YamlDotNet's event parser with an explicit stack
/// (no recursion, so deep nesting cannot overflow the compiler's stack) and a node budget (alias bombs).
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Largest accepted file (characters). The full Atlas spec is about 4 MB.</summary>
    public const int MaxChars = 8 * 1024 * 1024;

    /// <summary>Largest accepted node count after alias expansion.</summary>
    public const int MaxNodes = 4_000_000;

    /// <summary>Deepest accepted nesting of mappings and sequences.</summary>
    public const int MaxDepth = 256;

    public static bool IsCandidate(string path)
    {
        var ext = System.IO.Path.GetExtension(path);
        return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    public static ParsedDocument Parse(string path, SourceText? text, CancellationToken ct)
    {
        if (text is null)
        {
            return Fail(path, DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, LocationInfo.FileStart(path), path, "the file could not be read"));
        }
        if (text.Length > MaxChars)
        {
            return Fail(path, DiagnosticInfo.Create(DiagnosticDescriptors.DocumentTooLarge, LocationInfo.FileStart(path), path,
                $"{text.Length} characters, the limit is {MaxChars}"));
        }
        return Parse(path, text.ToString(), ct);
    }

    public static ParsedDocument Parse(string path, string text, CancellationToken ct)
    {
        var parsed = Read(path, text, ct);
        // A Swagger 2.0 document is read as the OpenAPI 3.0 document it describes: the model knows one format.
        return parsed.Root is { } root && Swagger2.Is(root) ? parsed with { Root = Swagger2.ToOpenApi3(root) } : parsed;
    }

    private static ParsedDocument Read(string path, string text, CancellationToken ct)
    {
        var parsed = ParseOnce(path, text, ct);
        // YamlDotNet rejects a block scalar ('|', '>') whose first line holds only spaces, which YAML 1.2 allows (OpenAI's
        // and Figma's specs have them). Lines of spaces alone carry nothing but their line break in a block scalar
        // (spaces up to its indentation are not content) nor anywhere else, so the text is read again with those lines
        // empty: line and column of every node stay as they were.
        if (parsed.Root is null && parsed.Diagnostics.Any(d => d.Arguments.Any(a => a.IndexOf(BlankFirstLine, StringComparison.Ordinal) >= 0)))
        {
            var again = ParseOnce(path, EmptyBlankLines(text), ct);
            if (again.Root is not null) return again;
        }
        return parsed;
    }

    private const string BlankFirstLine = "found extra spaces in first line";

    /// <summary>The text with every line of spaces and tabs alone made empty.</summary>
    internal static string EmptyBlankLines(string text)
        => System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^[ \t]+(?=\r?$)", "");

    private static ParsedDocument ParseOnce(string path, string text, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var last = new Mark?[1];
        try
        {
            var root = Build(path, text, diagnostics, last, ct);
            return new ParsedDocument(path, root, true, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
        catch (YamlException ex)
        {
            // Some scanner errors carry no position; then the end of the last good event is the best place.
            var start = ex.Start.Index > 0 || ex.Start.Line > 1 ? ex.Start : ex.End.Index > 0 || ex.End.Line > 1 ? ex.End : last[0] ?? ex.Start;
            var end = ex.End.Index >= start.Index ? ex.End : start;
            var loc = Loc(path, start, end);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, loc, path, CleanMessage(ex)));
            return new ParsedDocument(path, null, MentionsOpenApi(text), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(ex.Diagnostic);
            return new ParsedDocument(path, null, MentionsOpenApi(text), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // YamlDotNet also fails with other exceptions on some malformed input (InvalidOperationException, ...): any
            // parser failure is ATLAS001 at the last position the parser reached, never ATLAS900.
            var at = last[0];
            var loc = at is { } m ? Loc(path, m, m) : LocationInfo.FileStart(path);
            var reason = "the YAML parser failed after this point (" + ex.GetType().Name + ": " + ex.Message + ")";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, loc, path, reason));
            return new ParsedDocument(path, null, MentionsOpenApi(text), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
    }

    private static ParsedDocument Fail(string path, DiagnosticInfo d) => new(path, null, true, new EquatableArray<DiagnosticInfo>(new[] { d }));

    /// <summary>Cheap check, for a file that failed to parse, whether it was meant to be an OpenAPI document.</summary>
    private static bool MentionsOpenApi(string text)
    {
        var head = text.Length > 4096 ? text.Substring(0, 4096) : text;
        return head.IndexOf("openapi", StringComparison.OrdinalIgnoreCase) >= 0 || head.IndexOf("swagger", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private sealed class Frame
    {
        public Frame(YKind kind, Mark start, string? anchor) { Kind = kind; Start = start; Anchor = anchor; }
        public readonly YKind Kind;
        public readonly Mark Start;
        public readonly string? Anchor;
        public readonly List<YNode> Items = new();
        public readonly List<YEntry> Entries = new();
        public HashSet<string>? Keys;
        public YNode? PendingKey;
        public int Size = 1;
    }

    private sealed class LimitExceededException : Exception
    {
        public LimitExceededException(DiagnosticInfo d) => Diagnostic = d;
        public DiagnosticInfo Diagnostic { get; }
    }

    private static YNode? Build(string path, string text, List<DiagnosticInfo> diagnostics, Mark?[] last, CancellationToken ct)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        long budget = 0;
        var skipDepth = 0; // > 0 while skipping content nested beyond MaxDepth
        var steps = 0;

        while (parser.MoveNext())
        {
            if ((++steps & 0x3FF) == 0) ct.ThrowIfCancellationRequested();
            var ev = parser.Current!;
            last[0] = ev.End;
            switch (ev)
            {
                case StreamStart or StreamEnd or DocumentEnd:
                    break;
                case DocumentStart:
                    if (root is not null)
                    {
                        return root; // only the first document of a stream is read
                    }
                    break;
                case MappingStart or SequenceStart when skipDepth > 0 || stack.Count >= MaxDepth:
                    if (skipDepth == 0)
                    {
                        var max = MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooDeeplyNested, Loc(path, ev.Start, ev.End), max));
                    }
                    skipDepth++;
                    break;
                case MappingEnd or SequenceEnd when skipDepth > 0:
                    skipDepth--;
                    if (skipDepth == 0)
                    {
                        Add(stack, MakeScalar(null, ev.Start, ev.End, plain: true), ref root, path, diagnostics);
                    }
                    break;
                case YamlDotNet.Core.Events.Scalar or AnchorAlias when skipDepth > 0:
                    break;
                case MappingStart ms:
                    stack.Push(new Frame(YKind.Mapping, ms.Start, ms.Anchor.IsEmpty ? null : ms.Anchor.Value));
                    break;
                case SequenceStart ss:
                    stack.Push(new Frame(YKind.Sequence, ss.Start, ss.Anchor.IsEmpty ? null : ss.Anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    {
                        var f = stack.Pop();
                        var node = new YNode(f.Kind, null, false,
                            new EquatableArray<YNode>(f.Items.ToArray()), new EquatableArray<YEntry>(f.Entries.ToArray()),
                            (int)f.Start.Line - 1, (int)f.Start.Column - 1, (int)f.Start.Index, (int)ev.End.Index, f.Size);
                        if (f.Anchor is not null) anchors[f.Anchor] = node;
                        Add(stack, node, ref root, path, diagnostics);
                        break;
                    }
                case YamlDotNet.Core.Events.Scalar sc:
                    {
                        var node = MakeScalar(sc.Value, sc.Start, sc.End, sc.Style == ScalarStyle.Plain);
                        budget++;
                        if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = node;
                        Add(stack, node, ref root, path, diagnostics);
                        break;
                    }
                case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new LimitExceededException(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, Loc(path, alias.Start, alias.End), path,
                                $"alias '*{alias.Value.Value}' refers to an unknown anchor"));
                        }
                        budget += target.Size;
                        if (budget > MaxNodes)
                        {
                            var why = $"more than {MaxNodes} nodes after expanding aliases (alias bomb?)";
                            var at = Loc(path, alias.Start, alias.End);
                            throw new LimitExceededException(DiagnosticInfo.Create(DiagnosticDescriptors.DocumentTooLarge, at, path, why));
                        }
                        Add(stack, target, ref root, path, diagnostics);
                        break;
                    }
            }
        }
        return root;
    }

    private static YNode MakeScalar(string? value, Mark start, Mark end, bool plain)
        => new(YKind.Scalar, value, plain, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty,
            (int)start.Line - 1, (int)start.Column - 1, (int)start.Index, (int)end.Index, 1);

    private static void Add(Stack<Frame> stack, YNode node, ref YNode? root, string path, List<DiagnosticInfo> diagnostics)
    {
        if (stack.Count == 0)
        {
            root ??= node;
            return;
        }
        var f = stack.Peek();
        f.Size += node.Size;
        if (f.Size > MaxNodes)
        {
            throw new LimitExceededException(DiagnosticInfo.Create(DiagnosticDescriptors.DocumentTooLarge, NodeLoc(path, node), path,
                $"more than {MaxNodes} nodes after expanding aliases (alias bomb?)"));
        }
        if (f.Kind == YKind.Sequence)
        {
            f.Items.Add(node);
            return;
        }
        if (f.PendingKey is null)
        {
            f.PendingKey = node;
            return;
        }
        var key = f.PendingKey;
        f.PendingKey = null;
        var keyText = key.IsScalar ? key.Value ?? "" : "<complex key>";
        f.Keys ??= new HashSet<string>(StringComparer.Ordinal);
        if (!f.Keys.Add(keyText))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, NodeLoc(path, key), keyText));
            f.Entries.RemoveAll(e => e.Key == keyText);
        }
        f.Entries.Add(new YEntry(keyText, key.Line, key.Column, node));
    }

    public static LocationInfo NodeLoc(string path, YNode node)
    {
        var length = Math.Max(0, node.End - node.Start);
        return new(path, node.Start, length, node.Line, node.Column, node.Line, node.Column + Math.Max(1, Math.Min(length, 200)));
    }

    private static LocationInfo Loc(string path, Mark start, Mark end)
    {
        var s = (int)Math.Max(0, start.Index);
        var e = (int)Math.Max(s, end.Index);
        var line = (int)Math.Max(0, start.Line - 1);
        var col = (int)Math.Max(0, start.Column - 1);
        var endLine = (int)Math.Max(line, end.Line - 1);
        var endCol = (int)Math.Max(0, end.Column - 1);
        return new LocationInfo(path, s, e - s, line, col, endLine, endCol);
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Lin: 3, Col: 5, Chr: 40) - (…): "; the location is reported separately.
        var m = ex.Message;
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 && m.StartsWith("(", StringComparison.Ordinal) ? m.Substring(i + 3) : m;
        if (text.IndexOf("block scalar", StringComparison.OrdinalIgnoreCase) >= 0 && text.IndexOf("extra spaces", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            text += " (a block scalar '|' or '>' whose first line holds only spaces, just above this position: YAML 1.2 allows it, this parser does "
                + "not; write the value as a quoted string, or use the document's JSON form)";
        }
        return text;
    }
}
