using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>Checks that a schema's <c>pattern</c> is an ECMA-262 regular expression that .NET can run
/// (<see cref="EcmaPattern"/>); an invalid one gets ATLAS009 once, at its first occurrence.</summary>
internal sealed class PatternChecker
{
    private readonly ModelDiagnostics _diagnostics;
    private readonly Dictionary<string, bool> _valid = new(StringComparer.Ordinal);

    public PatternChecker(ModelDiagnostics diagnostics) => _diagnostics = diagnostics;

    /// <summary>True when <paramref name="pattern"/> compiles; else reports it at <paramref name="at"/> (the first time) and returns false.</summary>
    public bool Check(string pattern, YNode at)
    {
        if (_valid.TryGetValue(pattern, out var known)) return known;
        try
        {
            var translated = EcmaPattern.ToDotNet(pattern, out var problem);
            if (problem is not null) throw new ArgumentException(problem);
            _ = new Regex(translated, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _valid[pattern] = true;
        }
        catch (ArgumentException ex)
        {
            _valid[pattern] = false;
            _diagnostics.Report(DiagnosticDescriptors.InvalidPattern, at, pattern, ex.Message);
        }
        return _valid[pattern];
    }
}
