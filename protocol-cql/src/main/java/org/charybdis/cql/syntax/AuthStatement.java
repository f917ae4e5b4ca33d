package org.charybdis.cql.syntax;

/** Roles, legacy users and permissions. Role and user names are case-resolved like identifiers (string literals keep their case). */
public sealed interface AuthStatement extends Statement
        permits CreateRoleStatement, AlterRoleStatement, DropRoleStatement, ListRolesStatement,
                CreateUserStatement, AlterUserStatement, DropUserStatement, ListUsersStatement,
                GrantRoleStatement, RevokeRoleStatement,
                GrantPermissionsStatement, RevokePermissionsStatement, ListPermissionsStatement {}
