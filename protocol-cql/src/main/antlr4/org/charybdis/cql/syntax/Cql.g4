// CQL 3 as Cassandra 5.0 accepts it, plus ScyllaDB's service level statements.
// Written from the CQL reference (ddl, dml, types, functions, json, security, definitions, indexes,
// mvs, appendices). The tokens live in CqlLexer.g4; the AST is built by StatementBuilder.
// Named `Cql` (a parser grammar) so the generated class is `Cql` and the public entry point can be
// org.charybdis.cql.syntax.CqlParser.
parser grammar Cql;

options { tokenVocab = CqlLexer; }

// ---------------------------------------------------------------- entry points

root: statement SEMI? EOF;
singleType: type EOF;
singleTerm: term EOF;

statement
    : selectStatement
    | insertStatement
    | updateStatement
    | deleteStatement
    | batchStatement
    | useStatement
    | truncateStatement
    | createKeyspaceStatement
    | alterKeyspaceStatement
    | dropKeyspaceStatement
    | createTableStatement
    | alterTableStatement
    | dropTableStatement
    | createTypeStatement
    | alterTypeStatement
    | dropTypeStatement
    | createIndexStatement
    | dropIndexStatement
    | createMaterializedViewStatement
    | alterMaterializedViewStatement
    | dropMaterializedViewStatement
    | createFunctionStatement
    | dropFunctionStatement
    | createAggregateStatement
    | dropAggregateStatement
    | createTriggerStatement
    | dropTriggerStatement
    | createRoleStatement
    | alterRoleStatement
    | dropRoleStatement
    | listRolesStatement
    | createUserStatement
    | alterUserStatement
    | dropUserStatement
    | listUsersStatement
    | grantRoleStatement
    | revokeRoleStatement
    | grantPermissionsStatement
    | revokePermissionsStatement
    | listPermissionsStatement
    | createServiceLevelStatement
    | alterServiceLevelStatement
    | dropServiceLevelStatement
    | attachServiceLevelStatement
    | detachServiceLevelStatement
    | listServiceLevelStatement
    | describeStatement
    ;

// ---------------------------------------------------------------- SELECT

selectStatement
    : K_SELECT K_JSON? K_DISTINCT? selectClause
      K_FROM qualifiedName
      (K_WHERE whereClause)?
      (K_GROUP K_BY selectorExpr (COMMA selectorExpr)*)?
      (K_ORDER K_BY ordering (COMMA ordering)*)?
      (K_PER K_PARTITION K_LIMIT intValue)?
      (K_LIMIT intValue)?
      (K_ALLOW K_FILTERING)?
      // ScyllaDB's per-query timeout: a duration literal or a bind marker
      (K_USING K_TIMEOUT term)?
    ;

selectClause
    : STAR
    | selector (COMMA selector)*
    ;

selector: selectorExpr (K_AS ident)?;

// Earlier alternatives bind tighter.
selectorExpr
    : selectorExpr DOT ident                                          # fieldSelector
    | selectorExpr LBRACKET term RBRACKET                             # elementSelector
    | selectorExpr LBRACKET from=term? RANGE to=term? RBRACKET        # sliceSelector
    | MINUS selectorExpr                                              # negatedSelector
    | LPAREN type RPAREN selectorExpr                                 # typeHintSelector
    | selectorExpr op=(STAR | SLASH | PERCENT) selectorExpr           # arithmeticSelector
    | selectorExpr op=(PLUS | MINUS) selectorExpr                     # arithmeticSelector
    | K_COUNT LPAREN STAR RPAREN                                      # countRowsSelector
    | K_CAST LPAREN selectorExpr K_AS type RPAREN                     # castSelector
    | functionName LPAREN (selectorExpr (COMMA selectorExpr)*)? RPAREN # functionSelector
    | LPAREN selectorExpr (COMMA selectorExpr)* RPAREN                # tupleSelector
    | value                                                           # valueSelector
    // collections of selectors; of terms alone they are values, above
    | LBRACKET selectorExpr (COMMA selectorExpr)* RBRACKET            # listSelector
    | LBRACE selectorExpr COLON selectorExpr (COMMA selectorExpr COLON selectorExpr)* RBRACE # mapSelector
    | LBRACE selectorExpr (COMMA selectorExpr)* RBRACE                # setSelector
    | ident                                                           # columnSelector
    ;

ordering
    : ident K_ANN K_OF term
    | ident (K_ASC | K_DESC)?
    ;

whereClause: relation (K_AND relation)*;

relation
    : ident relationOp term                                               # compareRelation
    | ident K_CONTAINS K_KEY? term                                        # containsRelation
    | ident K_LIKE term                                                   # likeRelation
    | ident K_IS K_NOT K_NULL                                             # isNotNullRelation
    | ident K_IN inValues                                                 # inRelation
    | ident LBRACKET term RBRACKET relationOp term                         # elementRelation
    | K_TOKEN LPAREN ident (COMMA ident)* RPAREN relationOp term           # tokenRelation
    | identTuple relationOp (tupleLiteral | bindMarker)                    # multiColumnRelation
    | identTuple K_IN (LPAREN ((tupleLiteral | bindMarker) (COMMA (tupleLiteral | bindMarker))*)? RPAREN | bindMarker) # multiColumnInRelation
    | LPAREN relation RPAREN                                              # parenthesizedRelation
    ;

identTuple: LPAREN ident (COMMA ident)* RPAREN;

inValues
    : LPAREN (term (COMMA term)*)? RPAREN
    | bindMarker
    ;

relationOp: EQ | LT | LTE | GT | GTE | NEQ;

// ---------------------------------------------------------------- INSERT, UPDATE, DELETE, BATCH

insertStatement
    : K_INSERT K_INTO qualifiedName
      ( LPAREN ident (COMMA ident)* RPAREN K_VALUES LPAREN term (COMMA term)* RPAREN
      | K_JSON term (K_DEFAULT (K_NULL | K_UNSET))?
      )
      (K_IF K_NOT K_EXISTS)?
      usingClause?
    ;

usingClause: K_USING usingOption (K_AND usingOption)*;

usingOption
    : K_TTL intValue
    | K_TIMESTAMP intValue
    | K_TIMEOUT term
    ;

updateStatement
    : K_UPDATE qualifiedName usingClause?
      K_SET assignment (COMMA assignment)*
      K_WHERE whereClause
      ifClause?
    ;

assignment
    : ident EQ term                                         # setAssignment
    | ident EQ ident op=(PLUS | MINUS) term                 # selfArithmeticAssignment
    | ident EQ term PLUS ident                              # prependAssignment
    | ident op=(PLUS_EQ | MINUS_EQ) term                    # compoundAssignment
    | ident LBRACKET term RBRACKET EQ term                  # elementAssignment
    | ident DOT ident EQ term                               # fieldAssignment
    ;

deleteStatement
    : K_DELETE (columnPath (COMMA columnPath)*)? K_FROM qualifiedName
      deleteUsingClause?
      K_WHERE whereClause
      ifClause?
    ;

// DELETE takes no TTL
deleteUsingClause: K_USING deleteUsingOption (K_AND deleteUsingOption)*;

deleteUsingOption
    : K_TIMESTAMP intValue
    | K_TIMEOUT term
    ;

columnPath
    : ident LBRACKET term RBRACKET                          # elementPath
    | ident DOT ident                                       # fieldPath
    | ident                                                 # columnOnlyPath
    ;

ifClause
    : K_IF K_EXISTS
    | K_IF condition (K_AND condition)*
    ;

condition
    : columnPath relationOp term                            # compareCondition
    | columnPath K_IN inValues                              # inCondition
    | columnPath K_CONTAINS K_KEY? term                     # containsCondition
    ;

batchStatement
    : K_BEGIN (K_UNLOGGED | K_COUNTER)? K_BATCH usingClause?
      (batchChild SEMI?)*
      K_APPLY K_BATCH
    ;

batchChild: insertStatement | updateStatement | deleteStatement;

useStatement: K_USE ident;

truncateStatement: K_TRUNCATE (K_TABLE | K_COLUMNFAMILY)? qualifiedName;

// ---------------------------------------------------------------- keyspaces, tables, types

createKeyspaceStatement: K_CREATE K_KEYSPACE ifNotExists? ident K_WITH properties;
alterKeyspaceStatement: K_ALTER K_KEYSPACE ifExists? ident K_WITH properties;
dropKeyspaceStatement: K_DROP K_KEYSPACE ifExists? ident;

createTableStatement
    : K_CREATE (K_TABLE | K_COLUMNFAMILY) ifNotExists? qualifiedName
      LPAREN tableElement (COMMA tableElement)* COMMA? RPAREN
      (K_WITH tableOptions)?
    ;

tableElement
    : columnDefinition (K_PRIMARY K_KEY)?                   # columnElement
    | primaryKey                                            # primaryKeyElement
    ;

columnDefinition: ident type K_STATIC? columnMask?;

primaryKey: K_PRIMARY K_KEY LPAREN partitionKey (COMMA ident)* RPAREN;

partitionKey
    : LPAREN ident (COMMA ident)* RPAREN
    | ident
    ;

columnMask
    : K_MASKED K_WITH K_DEFAULT
    | K_MASKED K_WITH functionName LPAREN (term (COMMA term)*)? RPAREN
    ;

tableOptions: tableOption (K_AND tableOption)*;

tableOption
    : K_COMPACT K_STORAGE                                                    # compactStorageOption
    | K_CLUSTERING K_ORDER K_BY LPAREN clusteringOrder (COMMA clusteringOrder)* RPAREN # clusteringOrderOption
    | property                                                               # propertyOption
    ;

clusteringOrder: ident (K_ASC | K_DESC)?;

alterTableStatement
    : K_ALTER (K_TABLE | K_COLUMNFAMILY) ifExists? qualifiedName alterTableAction
    ;

alterTableAction
    : K_ADD ifNotExists? columnDefinition (COMMA columnDefinition)*                  # addColumnsAction
    | K_ADD ifNotExists? LPAREN columnDefinition (COMMA columnDefinition)* RPAREN    # addColumnsAction
    | K_DROP K_COMPACT K_STORAGE                                                     # dropCompactStorageAction
    | K_DROP ifExists? ident (COMMA ident)* (K_USING K_TIMESTAMP INTEGER)?           # dropColumnsAction
    | K_DROP ifExists? LPAREN ident (COMMA ident)* RPAREN (K_USING K_TIMESTAMP INTEGER)? # dropColumnsAction
    | K_RENAME ifExists? renames                                                     # renameColumnsAction
    | K_WITH tableOptions                                                            # tableOptionsAction
    | K_ALTER ident columnMask                                                       # maskColumnAction
    | K_ALTER ident K_DROP K_MASKED                                                  # unmaskColumnAction
    ;

renames: ident K_TO ident (K_AND ident K_TO ident)*;

dropTableStatement: K_DROP (K_TABLE | K_COLUMNFAMILY) ifExists? qualifiedName;

createTypeStatement
    : K_CREATE K_TYPE ifNotExists? qualifiedName LPAREN typeField (COMMA typeField)* COMMA? RPAREN
    ;

typeField: ident type;

alterTypeStatement
    : K_ALTER K_TYPE ifExists? qualifiedName K_ADD ifNotExists? typeField       # alterTypeAdd
    | K_ALTER K_TYPE ifExists? qualifiedName K_RENAME ifExists? renames         # alterTypeRename
    | K_ALTER K_TYPE ifExists? qualifiedName K_ALTER ident K_TYPE type           # alterTypeAlterField
    ;

dropTypeStatement: K_DROP K_TYPE ifExists? qualifiedName;

// ---------------------------------------------------------------- indexes, views, functions, triggers

createIndexStatement
    : K_CREATE K_CUSTOM? K_INDEX ifNotExists? ident? K_ON qualifiedName
      LPAREN indexTarget (COMMA indexTarget)* RPAREN
      (K_USING STRING_LITERAL)?
      (K_WITH properties)?
    ;

indexTarget
    : kind=(K_KEYS | K_VALUES | K_ENTRIES | K_FULL) LPAREN ident RPAREN
    | ident
    ;

dropIndexStatement: K_DROP K_INDEX ifExists? qualifiedName;

createMaterializedViewStatement
    : K_CREATE K_MATERIALIZED K_VIEW ifNotExists? qualifiedName K_AS
      K_SELECT selectClause K_FROM qualifiedName
      (K_WHERE whereClause)?
      primaryKey
      (K_WITH tableOptions)?
    ;

alterMaterializedViewStatement: K_ALTER K_MATERIALIZED K_VIEW ifExists? qualifiedName K_WITH tableOptions;
dropMaterializedViewStatement: K_DROP K_MATERIALIZED K_VIEW ifExists? qualifiedName;

createFunctionStatement
    : K_CREATE (K_OR K_REPLACE)? K_FUNCTION ifNotExists? functionName
      LPAREN (typeField (COMMA typeField)*)? RPAREN
      (K_CALLED | calledOnNull=K_RETURNS K_NULL) K_ON K_NULL K_INPUT
      K_RETURNS type
      K_LANGUAGE ident
      K_AS STRING_LITERAL
    ;

dropFunctionStatement: K_DROP K_FUNCTION ifExists? functionName functionSignature?;

functionSignature: LPAREN (type (COMMA type)*)? RPAREN;

createAggregateStatement
    : K_CREATE (K_OR K_REPLACE)? K_AGGREGATE ifNotExists? functionName functionSignature
      K_SFUNC functionName
      K_STYPE type
      (K_FINALFUNC functionName)?
      (K_INITCOND term)?
    ;

dropAggregateStatement: K_DROP K_AGGREGATE ifExists? functionName functionSignature?;

createTriggerStatement: K_CREATE K_TRIGGER ifNotExists? ident K_ON qualifiedName K_USING STRING_LITERAL;
dropTriggerStatement: K_DROP K_TRIGGER ifExists? ident K_ON qualifiedName;

// ---------------------------------------------------------------- roles, users, permissions

createRoleStatement: K_CREATE K_ROLE ifNotExists? roleName (K_WITH roleOption (K_AND roleOption)*)?;
alterRoleStatement: K_ALTER K_ROLE ifExists? roleName (K_WITH roleOption (K_AND roleOption)*)?;
dropRoleStatement: K_DROP K_ROLE ifExists? roleName;
listRolesStatement: K_LIST K_ROLES (K_OF roleName)? K_NORECURSIVE?;

roleOption
    : K_HASHED? K_PASSWORD EQ STRING_LITERAL                                    # passwordOption
    | K_LOGIN EQ booleanLiteral                                                 # loginOption
    | K_SUPERUSER EQ booleanLiteral                                             # superuserOption
    | K_OPTIONS EQ term                                                         # customOptions
    | K_ACCESS K_TO K_ALL K_DATACENTERS                                         # allDatacentersOption
    | K_ACCESS K_TO K_DATACENTERS LBRACE STRING_LITERAL (COMMA STRING_LITERAL)* RBRACE # datacentersOption
    | K_ACCESS K_FROM K_ALL K_CIDRS                                             # allCidrsOption
    | K_ACCESS K_FROM K_CIDRS LBRACE STRING_LITERAL (COMMA STRING_LITERAL)* RBRACE # cidrsOption
    ;

booleanLiteral: K_TRUE | K_FALSE;

createUserStatement
    : K_CREATE K_USER ifNotExists? roleName (K_WITH K_HASHED? K_PASSWORD STRING_LITERAL)? (K_SUPERUSER | K_NOSUPERUSER)?
    ;
alterUserStatement
    : K_ALTER K_USER ifExists? roleName (K_WITH K_HASHED? K_PASSWORD STRING_LITERAL)? (K_SUPERUSER | K_NOSUPERUSER)?
    ;
dropUserStatement: K_DROP K_USER ifExists? roleName;
listUsersStatement: K_LIST K_USERS;

grantRoleStatement: K_GRANT roleName K_TO roleName;
revokeRoleStatement: K_REVOKE roleName K_FROM roleName;

grantPermissionsStatement: K_GRANT permissions K_ON resource K_TO roleName;
revokePermissionsStatement: K_REVOKE permissions K_ON resource K_FROM roleName;
listPermissionsStatement: K_LIST permissions (K_ON resource)? (K_OF roleName)? K_NORECURSIVE?;

permissions
    : K_ALL K_PERMISSIONS?
    | permission K_PERMISSION?
    ;

permission
    : K_CREATE | K_ALTER | K_DROP | K_SELECT | K_MODIFY | K_AUTHORIZE | K_DESCRIBE | K_EXECUTE
    | K_UNMASK | K_SELECT_MASKED
    ;

resource
    : K_ALL K_KEYSPACES                                     # allKeyspacesResource
    | K_KEYSPACE ident                                      # keyspaceResource
    | K_ALL K_ROLES                                         # allRolesResource
    | K_ROLE roleName                                       # roleResource
    | K_ALL K_FUNCTIONS (K_IN K_KEYSPACE ident)?            # allFunctionsResource
    | K_FUNCTION functionName functionSignature             # functionResource
    | K_ALL K_MBEANS                                        # allMBeansResource
    | (K_MBEAN | K_MBEANS) STRING_LITERAL                   # mbeanResource
    | (K_TABLE | K_COLUMNFAMILY)? qualifiedName             # tableResource
    ;

roleName: ident | STRING_LITERAL;

// ---------------------------------------------------------------- ScyllaDB service levels

createServiceLevelStatement: K_CREATE serviceLevelKeyword ifNotExists? serviceLevelName (K_WITH properties)?;
alterServiceLevelStatement: K_ALTER serviceLevelKeyword ifExists? serviceLevelName K_WITH properties;
dropServiceLevelStatement: K_DROP serviceLevelKeyword ifExists? serviceLevelName;
attachServiceLevelStatement: K_ATTACH serviceLevelKeyword serviceLevelName K_TO roleName;
detachServiceLevelStatement: K_DETACH serviceLevelKeyword K_FROM roleName;

listServiceLevelStatement
    : K_LIST serviceLevelKeyword serviceLevelName                 # listOneServiceLevel
    | K_LIST K_ALL serviceLevelsKeyword                           # listAllServiceLevels
    | K_LIST K_ATTACHED serviceLevelKeyword K_OF roleName         # listAttachedServiceLevel
    | K_LIST K_ALL K_ATTACHED serviceLevelsKeyword                # listAllAttachedServiceLevels
    | K_LIST K_EFFECTIVE serviceLevelKeyword K_OF roleName        # listEffectiveServiceLevel
    ;

// ScyllaDB accepts SERVICE LEVEL and SERVICE_LEVEL alike (its documentation uses the latter).
serviceLevelKeyword: K_SERVICE K_LEVEL | K_SERVICE_LEVEL;
serviceLevelsKeyword: K_SERVICE K_LEVELS | K_SERVICE_LEVELS;

serviceLevelName: ident | STRING_LITERAL;

// ---------------------------------------------------------------- DESCRIBE

describeStatement: (K_DESCRIBE | K_DESC) describeTarget (K_WITH K_INTERNALS)?;

// Listed before the generic name so `DESC TABLES` means the keyword, as in cqlsh.
describeTarget
    : K_CLUSTER                                             # describeCluster
    | K_FULL? K_SCHEMA                                      # describeSchema
    | K_KEYSPACES                                           # describeKeyspaces
    | K_ONLY? K_KEYSPACE ident?                             # describeKeyspace
    | K_TABLES                                              # describeTables
    | (K_TABLE | K_COLUMNFAMILY) qualifiedName              # describeTable
    | K_TYPES                                               # describeTypes
    | K_TYPE qualifiedName                                  # describeType
    | K_FUNCTIONS                                           # describeFunctions
    | K_FUNCTION functionName                               # describeFunction
    | K_AGGREGATES                                          # describeAggregates
    | K_AGGREGATE functionName                              # describeAggregate
    | K_INDEX qualifiedName                                 # describeIndex
    | K_MATERIALIZED K_VIEW qualifiedName                   # describeView
    | qualifiedName                                         # describeName
    ;

// ---------------------------------------------------------------- shared pieces

ifNotExists: K_IF K_NOT K_EXISTS;
ifExists: K_IF K_EXISTS;

properties: property (K_AND property)*;
property: ident EQ propertyValue;
propertyValue
    : term
    | ident
    ;

intValue
    : MINUS? INTEGER
    | bindMarker
    ;

qualifiedName: (ident DOT)? ident;

functionName: (ident DOT)? (ident | K_TOKEN);

// ---------------------------------------------------------------- terms

// Earlier alternatives bind tighter: unary minus and type hints, then * / %, then + -.
term
    : MINUS term                                            # negatedTerm
    | LPAREN type RPAREN term                               # typeHintTerm
    | term op=(STAR | SLASH | PERCENT) term                 # arithmeticTerm
    | term op=(PLUS | MINUS) term                           # arithmeticTerm
    | functionName LPAREN (term (COMMA term)*)? RPAREN      # functionCallTerm
    | value                                                 # valueTerm
    ;

value
    : constant                                              # constantValue
    | K_NULL                                                # nullValue
    | bindMarker                                            # bindMarkerValue
    | LBRACKET (term (COMMA term)*)? RBRACKET               # listValue
    | LBRACE RBRACE                                         # emptyBracesValue
    | LBRACE term COLON term (COMMA term COLON term)* RBRACE # mapValue
    | LBRACE term (COMMA term)* RBRACE                      # setValue
    | LBRACE ident COLON term (COMMA ident COLON term)* RBRACE # udtValue
    | tupleLiteral                                          # tupleValue
    ;

tupleLiteral: LPAREN term (COMMA term)* RPAREN;

constant
    : STRING_LITERAL
    | INTEGER
    | FLOAT
    | K_TRUE
    | K_FALSE
    | UUID
    | HEXNUMBER
    | DURATION
    | K_NAN
    | K_INFINITY
    ;

bindMarker
    : QMARK
    | COLON ident
    ;

// ---------------------------------------------------------------- types

type
    : K_FROZEN LT type GT                                   # frozenType
    | K_MAP LT type COMMA type GT                           # mapType
    | K_LIST LT type GT                                     # listType
    | K_SET LT type GT                                      # setType
    | K_TUPLE LT type (COMMA type)* GT                      # tupleType
    | K_VECTOR LT type COMMA INTEGER GT                     # vectorType
    | STRING_LITERAL                                        # customType
    | (ident DOT)? ident                                    # namedType
    ;

// ---------------------------------------------------------------- identifiers

ident
    : IDENT
    | QUOTED_NAME
    | unreservedKeyword
    ;

// Keywords usable as plain identifiers (CQL appendix A plus the newer non-reserved ones).
unreservedKeyword
    : K_ACCESS | K_AGGREGATE | K_AGGREGATES | K_ALL | K_ANN | K_AS | K_ATTACH | K_ATTACHED
    | K_CALLED | K_CAST | K_CIDRS | K_CLUSTER | K_CLUSTERING | K_COMPACT | K_CONTAINS | K_COUNT
    | K_COUNTER | K_CUSTOM | K_DATACENTERS | K_DEFAULT | K_DETACH | K_DISTINCT | K_EFFECTIVE
    | K_EXISTS | K_FILTERING | K_FINALFUNC | K_FROZEN | K_FUNCTION | K_FUNCTIONS | K_GROUP
    | K_HASHED | K_INITCOND | K_INPUT | K_INTERNALS | K_JSON | K_KEY | K_KEYS | K_KEYSPACES
    | K_LANGUAGE | K_LEVEL | K_LEVELS | K_LIKE | K_LIST | K_LOGIN | K_MAP | K_MASKED
    | K_MAXWRITETIME | K_MBEAN | K_MBEANS | K_NOLOGIN | K_NOSUPERUSER | K_ONLY | K_OPTIONS
    | K_PARTITION | K_PASSWORD | K_PER | K_PERMISSION | K_PERMISSIONS | K_RETURNS | K_ROLE
    | K_ROLES | K_SELECT_MASKED | K_SERVICE | K_SERVICE_LEVEL | K_SERVICE_LEVELS | K_SFUNC | K_STATIC | K_STORAGE | K_STYPE
    | K_SUPERUSER | K_TABLES | K_TIMESTAMP | K_TIMEOUT | K_TRIGGER | K_TTL | K_TUPLE | K_TYPE | K_TYPES
    | K_UNMASK | K_UNSET | K_USER | K_USERS | K_VALUES | K_VECTOR | K_WRITETIME
    ;
