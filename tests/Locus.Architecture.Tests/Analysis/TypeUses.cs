using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>What one compiled assembly's types use of each other, read from its metadata and IL (never loaded).</summary>
internal sealed record AssemblyTypeUses(string Assembly, IReadOnlySet<string> Namespaces, IReadOnlyList<TypeUse> Uses)
{
    public static AssemblyTypeUses Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var locals = new LocalTypes(reader);
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var uses = new HashSet<TypeUse>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (locals.IsIgnored(handle))
            {
                continue;
            }

            var from = locals.Describe(handle);
            namespaces.Add(from.Namespace);
            foreach (var used in new TypeReferences(reader, pe, locals).Of(handle))
            {
                if (!locals.IsIgnored(used) && locals.Describe(used) is var to && to != from)
                {
                    uses.Add(new TypeUse(from, to));
                }
            }
        }

        return new AssemblyTypeUses(reader.GetString(reader.GetAssemblyDefinition().Name), namespaces, [.. uses]);
    }
}

/// <summary>
/// Every type definition of the same assembly that one type definition refers to: base type, interfaces, generic
/// constraints, the signatures of its fields, methods, properties and events, the attributes on all of them (with
/// their typeof arguments), explicit interface implementations, and whatever its method bodies name (locals, catch
/// types, and each instruction's type, method, field, instantiation or signature operand).
/// </summary>
internal sealed class TypeReferences(MetadataReader reader, PEReader pe, LocalTypes locals)
{
    private readonly SignatureTypes _signatures = new(reader, locals);
    private readonly AttributeTypeArguments _attributeArguments = new(reader, locals);

    private HashSet<TypeDefinitionHandle> Found => _signatures.Found;

    public IReadOnlySet<TypeDefinitionHandle> Of(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        Entity(type.BaseType);
        Attributes(type.GetCustomAttributes());
        GenericParameters(type.GetGenericParameters());
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            var interfaceImplementation = reader.GetInterfaceImplementation(implementation);
            Entity(interfaceImplementation.Interface);
            Attributes(interfaceImplementation.GetCustomAttributes());
        }

        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            _signatures.Signature(field.Signature);
            Attributes(field.GetCustomAttributes());
        }

        foreach (var methodHandle in type.GetMethods())
        {
            Method(reader.GetMethodDefinition(methodHandle));
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            _signatures.Signature(property.Signature);
            Attributes(property.GetCustomAttributes());
        }

        foreach (var eventHandle in type.GetEvents())
        {
            var definition = reader.GetEventDefinition(eventHandle);
            Entity(definition.Type);
            Attributes(definition.GetCustomAttributes());
        }

        foreach (var implementationHandle in type.GetMethodImplementations())
        {
            var implementation = reader.GetMethodImplementation(implementationHandle);
            Entity(implementation.MethodBody);
            Entity(implementation.MethodDeclaration);
        }

        return Found;
    }

    private void Method(MethodDefinition method)
    {
        _signatures.Signature(method.Signature);
        Attributes(method.GetCustomAttributes());
        GenericParameters(method.GetGenericParameters());
        foreach (var parameter in method.GetParameters())
        {
            Attributes(reader.GetParameter(parameter).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            _signatures.Signature(reader.GetStandaloneSignature(body.LocalSignature).Signature);
        }

        foreach (var region in body.ExceptionRegions)
        {
            Entity(region.CatchType);
        }

        foreach (var token in IlTokens.Read(body))
        {
            Entity(token);
        }
    }

    private void GenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var parameterHandle in parameters)
        {
            var parameter = reader.GetGenericParameter(parameterHandle);
            Attributes(parameter.GetCustomAttributes());
            foreach (var constraintHandle in parameter.GetConstraints())
            {
                var constraint = reader.GetGenericParameterConstraint(constraintHandle);
                Entity(constraint.Type);
                Attributes(constraint.GetCustomAttributes());
            }
        }
    }

    private void Attributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var attributeHandle in attributes)
        {
            var attribute = reader.GetCustomAttribute(attributeHandle);
            Entity(attribute.Constructor);
            Found.UnionWith(_attributeArguments.Read(attribute));
        }
    }

    /// <summary>A token from a table, an IL operand or a signature: the type definition(s) it stands for — a member
    /// counts as its declaring type plus the types in its signature.</summary>
    private void Entity(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeReference:
                if (locals.Resolve((TypeReferenceHandle)handle) is { } definition)
                {
                    Found.Add(definition);
                }

                break;
            case HandleKind.TypeSpecification:
                _signatures.TypeSpecification((TypeSpecificationHandle)handle);
                break;
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                Found.Add(method.GetDeclaringType());
                _signatures.Signature(method.Signature);
                break;
            case HandleKind.FieldDefinition:
                var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                Found.Add(field.GetDeclaringType());
                _signatures.Signature(field.Signature);
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                Entity(member.Parent);
                _signatures.Signature(member.Signature);
                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                Entity(specification.Method);
                _signatures.Signature(specification.Signature);
                break;
            case HandleKind.StandaloneSignature:
                _signatures.Signature(reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).Signature);
                break;
            case HandleKind.ModuleReference:
                break;
            default:
                throw new BadImageFormatException($"Unexpected token kind {handle.Kind}.");
        }
    }
}
