-- musicbrainz: schema by pg_dump (trimmed), 3 rows a table closed over the foreign keys

--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: cover_art_archive; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA cover_art_archive;


--
-- Name: dbmirror2; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA dbmirror2;


--
-- Name: documentation; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA documentation;


--
-- Name: event_art_archive; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA event_art_archive;


--
-- Name: json_dump; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA json_dump;


--
-- Name: musicbrainz; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA musicbrainz;


--
-- Name: report; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA report;


--
-- Name: sitemaps; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA sitemaps;


--
-- Name: statistics; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA statistics;


--
-- Name: wikidocs; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA wikidocs;


--
-- Name: musicbrainz; Type: COLLATION; Schema: musicbrainz; Owner: -
--

CREATE COLLATION musicbrainz.musicbrainz (provider = icu, locale = '@colCaseFirst=lower;colNumeric=yes');


--
-- Name: cube; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;


--
-- Name: earthdistance; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;


--
-- Name: unaccent; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;


--
-- Name: cover_art_presence; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.cover_art_presence AS ENUM (
    'absent',
    'present',
    'darkened'
);


--
-- Name: edit_note_status; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.edit_note_status AS ENUM (
    'deleted',
    'edited'
);


--
-- Name: event_art_presence; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.event_art_presence AS ENUM (
    'absent',
    'present',
    'darkened'
);


--
-- Name: fluency; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.fluency AS ENUM (
    'basic',
    'intermediate',
    'advanced',
    'native'
);


--
-- Name: oauth_code_challenge_method; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.oauth_code_challenge_method AS ENUM (
    'plain',
    'S256'
);


--
-- Name: ratable_entity_type; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.ratable_entity_type AS ENUM (
    'artist',
    'event',
    'label',
    'place',
    'recording',
    'release_group',
    'work'
);


--
-- Name: taggable_entity_type; Type: TYPE; Schema: musicbrainz; Owner: -
--

CREATE TYPE musicbrainz.taggable_entity_type AS ENUM (
    'area',
    'artist',
    'event',
    'instrument',
    'label',
    'place',
    'recording',
    'release',
    'release_group',
    'series',
    'work'
);


--
-- Name: controlled_for_whitespace(text); Type: FUNCTION; Schema: musicbrainz; Owner: -
--

CREATE FUNCTION musicbrainz.controlled_for_whitespace(text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'musicbrainz', 'public'
    AS $_$
  SELECT NOT padded_by_whitespace($1);
$_$;


--
-- Name: padded_by_whitespace(text); Type: FUNCTION; Schema: musicbrainz; Owner: -
--

CREATE FUNCTION musicbrainz.padded_by_whitespace(text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $_$
  SELECT btrim($1) <> $1;
$_$;


--
-- Name: editor; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.editor (
    id integer NOT NULL,
    name character varying(64) NOT NULL,
    privs integer DEFAULT 0,
    email character varying(64) DEFAULT NULL::character varying,
    website character varying(255) DEFAULT NULL::character varying,
    bio text,
    member_since timestamp with time zone DEFAULT now(),
    email_confirm_date timestamp with time zone,
    last_login_date timestamp with time zone DEFAULT now(),
    last_updated timestamp with time zone DEFAULT now(),
    birth_date date,
    gender integer,
    area integer,
    password character varying(128) NOT NULL,
    ha1 character(32) NOT NULL,
    deleted boolean DEFAULT false NOT NULL
);


--
-- Name: medium; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.medium (
    id integer NOT NULL,
    release integer NOT NULL,
    "position" integer NOT NULL,
    format integer,
    name character varying DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    track_count integer DEFAULT 0 NOT NULL,
    gid uuid NOT NULL,
    CONSTRAINT medium_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT medium_name_check CHECK (musicbrainz.controlled_for_whitespace((name)::text))
);


--
-- Name: mb_simple; Type: TEXT SEARCH CONFIGURATION; Schema: musicbrainz; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION musicbrainz.mb_simple (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR asciiword WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR word WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR numword WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR hword_numpart WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR hword_part WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR hword_asciipart WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR numhword WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR asciihword WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR hword WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION musicbrainz.mb_simple
    ADD MAPPING FOR uint WITH simple;


--
-- Name: area; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.area (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    type integer,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    begin_date_year smallint,
    begin_date_month smallint,
    begin_date_day smallint,
    end_date_year smallint,
    end_date_month smallint,
    end_date_day smallint,
    ended boolean DEFAULT false NOT NULL,
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    CONSTRAINT area_check CHECK (((((end_date_year IS NOT NULL) OR (end_date_month IS NOT NULL) OR (end_date_day IS NOT NULL)) AND (ended = true)) OR ((end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL)))),
    CONSTRAINT area_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT area_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text))
);


--
-- Name: area_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.area_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: area_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.area_id_seq OWNED BY musicbrainz.area.id;


--
-- Name: area_type; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.area_type (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: area_type_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.area_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: area_type_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.area_type_id_seq OWNED BY musicbrainz.area_type.id;


--
-- Name: artist; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    sort_name character varying NOT NULL,
    begin_date_year smallint,
    begin_date_month smallint,
    begin_date_day smallint,
    end_date_year smallint,
    end_date_month smallint,
    end_date_day smallint,
    type integer,
    area integer,
    gender integer,
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    ended boolean DEFAULT false NOT NULL,
    begin_area integer,
    end_area integer,
    CONSTRAINT artist_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT artist_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT artist_ended_check CHECK (((((end_date_year IS NOT NULL) OR (end_date_month IS NOT NULL) OR (end_date_day IS NOT NULL)) AND (ended = true)) OR ((end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL)))),
    CONSTRAINT artist_va_check CHECK (((id <> 1) OR ((type = 3) AND (gender IS NULL) AND (area IS NULL) AND (begin_area IS NULL) AND (end_area IS NULL) AND (begin_date_year IS NULL) AND (begin_date_month IS NULL) AND (begin_date_day IS NULL) AND (end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL)))),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT control_for_whitespace_sort_name CHECK (musicbrainz.controlled_for_whitespace((sort_name)::text)),
    CONSTRAINT group_type_implies_null_gender CHECK ((((gender IS NULL) AND (type = ANY (ARRAY[2, 5, 6]))) OR (type <> ALL (ARRAY[2, 5, 6])) OR (type IS NULL))),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT only_non_empty_sort_name CHECK (((sort_name)::text <> ''::text))
);


--
-- Name: artist_alias; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist_alias (
    id integer NOT NULL,
    artist integer NOT NULL,
    name character varying NOT NULL,
    locale text,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    type integer,
    sort_name character varying NOT NULL,
    begin_date_year smallint,
    begin_date_month smallint,
    begin_date_day smallint,
    end_date_year smallint,
    end_date_month smallint,
    end_date_day smallint,
    primary_for_locale boolean DEFAULT false NOT NULL,
    ended boolean DEFAULT false NOT NULL,
    CONSTRAINT artist_alias_check CHECK (((((end_date_year IS NOT NULL) OR (end_date_month IS NOT NULL) OR (end_date_day IS NOT NULL)) AND (ended = true)) OR ((end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL)))),
    CONSTRAINT artist_alias_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT control_for_whitespace_sort_name CHECK (musicbrainz.controlled_for_whitespace((sort_name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT only_non_empty_sort_name CHECK (((sort_name)::text <> ''::text)),
    CONSTRAINT primary_check CHECK ((((locale IS NULL) AND (primary_for_locale IS FALSE)) OR (locale IS NOT NULL))),
    CONSTRAINT search_hints_are_empty CHECK (((type <> 3) OR ((type = 3) AND ((sort_name)::text = (name)::text) AND (begin_date_year IS NULL) AND (begin_date_month IS NULL) AND (begin_date_day IS NULL) AND (end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL) AND (primary_for_locale IS FALSE) AND (locale IS NULL))))
);


--
-- Name: artist_alias_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.artist_alias_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: artist_alias_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.artist_alias_id_seq OWNED BY musicbrainz.artist_alias.id;


--
-- Name: artist_alias_type; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist_alias_type (
    id integer NOT NULL,
    name text NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: artist_alias_type_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.artist_alias_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: artist_alias_type_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.artist_alias_type_id_seq OWNED BY musicbrainz.artist_alias_type.id;


--
-- Name: artist_credit; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist_credit (
    id integer NOT NULL,
    name character varying NOT NULL,
    artist_count smallint NOT NULL,
    ref_count integer DEFAULT 0,
    created timestamp with time zone DEFAULT now(),
    edits_pending integer DEFAULT 0 NOT NULL,
    gid uuid NOT NULL,
    CONSTRAINT artist_credit_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text))
);


--
-- Name: artist_credit_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.artist_credit_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: artist_credit_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.artist_credit_id_seq OWNED BY musicbrainz.artist_credit.id;


--
-- Name: artist_credit_name; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist_credit_name (
    artist_credit integer NOT NULL,
    "position" smallint NOT NULL,
    artist integer NOT NULL,
    name character varying NOT NULL,
    join_phrase text DEFAULT ''::text NOT NULL,
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text))
);


--
-- Name: artist_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.artist_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: artist_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.artist_id_seq OWNED BY musicbrainz.artist.id;


--
-- Name: artist_type; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.artist_type (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: artist_type_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.artist_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: artist_type_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.artist_type_id_seq OWNED BY musicbrainz.artist_type.id;


--
-- Name: editor_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.editor_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: editor_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.editor_id_seq OWNED BY musicbrainz.editor.id;


--
-- Name: gender; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.gender (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: gender_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.gender_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: gender_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.gender_id_seq OWNED BY musicbrainz.gender.id;


--
-- Name: label; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.label (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    begin_date_year smallint,
    begin_date_month smallint,
    begin_date_day smallint,
    end_date_year smallint,
    end_date_month smallint,
    end_date_day smallint,
    label_code integer,
    type integer,
    area integer,
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    ended boolean DEFAULT false NOT NULL,
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT label_code_length CHECK (((label_code > 0) AND (label_code < 1000000))),
    CONSTRAINT label_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT label_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT label_ended_check CHECK (((((end_date_year IS NOT NULL) OR (end_date_month IS NOT NULL) OR (end_date_day IS NOT NULL)) AND (ended = true)) OR ((end_date_year IS NULL) AND (end_date_month IS NULL) AND (end_date_day IS NULL)))),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text))
);


--
-- Name: label_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.label_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: label_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.label_id_seq OWNED BY musicbrainz.label.id;


--
-- Name: label_type; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.label_type (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: label_type_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.label_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: label_type_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.label_type_id_seq OWNED BY musicbrainz.label_type.id;


--
-- Name: language; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.language (
    id integer NOT NULL,
    iso_code_2t character(3),
    iso_code_2b character(3),
    iso_code_1 character(2),
    name character varying(100) NOT NULL,
    frequency smallint DEFAULT 0 NOT NULL,
    iso_code_3 character(3),
    CONSTRAINT iso_code_check CHECK (((iso_code_2t IS NOT NULL) OR (iso_code_3 IS NOT NULL)))
);


--
-- Name: language_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.language_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: language_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.language_id_seq OWNED BY musicbrainz.language.id;


--
-- Name: medium_format; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.medium_format (
    id integer NOT NULL,
    name character varying(100) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    year smallint,
    has_discids boolean DEFAULT false NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: medium_format_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.medium_format_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: medium_format_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.medium_format_id_seq OWNED BY musicbrainz.medium_format.id;


--
-- Name: medium_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.medium_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: medium_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.medium_id_seq OWNED BY musicbrainz.medium.id;


--
-- Name: track; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.track (
    id integer NOT NULL,
    gid uuid NOT NULL,
    recording integer NOT NULL,
    medium integer NOT NULL,
    "position" integer NOT NULL,
    number text NOT NULL,
    name character varying NOT NULL,
    artist_credit integer NOT NULL,
    length integer,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    is_data_track boolean DEFAULT false NOT NULL,
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT track_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT track_length_check CHECK (((length IS NULL) OR (length > 0))),
    CONSTRAINT track_number_check CHECK (musicbrainz.controlled_for_whitespace(number))
);


--
-- Name: recording; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.recording (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    artist_credit integer NOT NULL,
    length integer,
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    video boolean DEFAULT false NOT NULL,
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT recording_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT recording_edits_pending_check CHECK ((edits_pending >= 0)),
    CONSTRAINT recording_length_check CHECK (((length IS NULL) OR (length > 0)))
);


--
-- Name: recording_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.recording_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: recording_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.recording_id_seq OWNED BY musicbrainz.recording.id;


--
-- Name: release; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    artist_credit integer NOT NULL,
    release_group integer NOT NULL,
    status integer,
    packaging integer,
    language integer,
    script integer,
    barcode character varying(255),
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    quality smallint DEFAULT '-1'::integer NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT release_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT release_edits_pending_check CHECK ((edits_pending >= 0))
);


--
-- Name: release_group; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release_group (
    id integer NOT NULL,
    gid uuid NOT NULL,
    name character varying NOT NULL,
    artist_credit integer NOT NULL,
    type integer,
    comment character varying(255) DEFAULT ''::character varying NOT NULL,
    edits_pending integer DEFAULT 0 NOT NULL,
    last_updated timestamp with time zone DEFAULT now(),
    CONSTRAINT control_for_whitespace CHECK (musicbrainz.controlled_for_whitespace((name)::text)),
    CONSTRAINT only_non_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT release_group_comment_check CHECK (musicbrainz.controlled_for_whitespace((comment)::text)),
    CONSTRAINT release_group_edits_pending_check CHECK ((edits_pending >= 0))
);


--
-- Name: release_group_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_group_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_group_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_group_id_seq OWNED BY musicbrainz.release_group.id;


--
-- Name: release_group_primary_type; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release_group_primary_type (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: release_group_primary_type_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_group_primary_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_group_primary_type_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_group_primary_type_id_seq OWNED BY musicbrainz.release_group_primary_type.id;


--
-- Name: release_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_id_seq OWNED BY musicbrainz.release.id;


--
-- Name: release_label; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release_label (
    id integer NOT NULL,
    release integer NOT NULL,
    label integer,
    catalog_number character varying(255),
    last_updated timestamp with time zone DEFAULT now(),
    CONSTRAINT no_empty_string_catalog_number CHECK (((catalog_number)::text <> ''::text)),
    CONSTRAINT release_label_catalog_number_check CHECK (musicbrainz.controlled_for_whitespace((catalog_number)::text)),
    CONSTRAINT release_label_check CHECK (((catalog_number IS NOT NULL) OR (label IS NOT NULL)))
);


--
-- Name: release_label_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_label_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_label_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_label_id_seq OWNED BY musicbrainz.release_label.id;


--
-- Name: release_packaging; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release_packaging (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: release_packaging_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_packaging_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_packaging_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_packaging_id_seq OWNED BY musicbrainz.release_packaging.id;


--
-- Name: release_status; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.release_status (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    parent integer,
    child_order integer DEFAULT 0 NOT NULL,
    description text,
    gid uuid NOT NULL
);


--
-- Name: release_status_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.release_status_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: release_status_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.release_status_id_seq OWNED BY musicbrainz.release_status.id;


--
-- Name: script; Type: TABLE; Schema: musicbrainz; Owner: -
--

CREATE TABLE musicbrainz.script (
    id integer NOT NULL,
    iso_code character(4) NOT NULL,
    iso_number character(3) NOT NULL,
    name character varying(100) NOT NULL,
    frequency smallint DEFAULT 0 NOT NULL
);


--
-- Name: script_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.script_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: script_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.script_id_seq OWNED BY musicbrainz.script.id;


--
-- Name: track_id_seq; Type: SEQUENCE; Schema: musicbrainz; Owner: -
--

CREATE SEQUENCE musicbrainz.track_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: track_id_seq; Type: SEQUENCE OWNED BY; Schema: musicbrainz; Owner: -
--

ALTER SEQUENCE musicbrainz.track_id_seq OWNED BY musicbrainz.track.id;


--
-- Name: area id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.area ALTER COLUMN id SET DEFAULT nextval('musicbrainz.area_id_seq'::regclass);


--
-- Name: area_type id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.area_type ALTER COLUMN id SET DEFAULT nextval('musicbrainz.area_type_id_seq'::regclass);


--
-- Name: artist id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.artist ALTER COLUMN id SET DEFAULT nextval('musicbrainz.artist_id_seq'::regclass);


--
-- Name: artist_alias id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.artist_alias ALTER COLUMN id SET DEFAULT nextval('musicbrainz.artist_alias_id_seq'::regclass);


--
-- Name: artist_alias_type id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.artist_alias_type ALTER COLUMN id SET DEFAULT nextval('musicbrainz.artist_alias_type_id_seq'::regclass);


--
-- Name: artist_credit id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.artist_credit ALTER COLUMN id SET DEFAULT nextval('musicbrainz.artist_credit_id_seq'::regclass);


--
-- Name: artist_type id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.artist_type ALTER COLUMN id SET DEFAULT nextval('musicbrainz.artist_type_id_seq'::regclass);


--
-- Name: editor id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.editor ALTER COLUMN id SET DEFAULT nextval('musicbrainz.editor_id_seq'::regclass);


--
-- Name: gender id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.gender ALTER COLUMN id SET DEFAULT nextval('musicbrainz.gender_id_seq'::regclass);


--
-- Name: label id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.label ALTER COLUMN id SET DEFAULT nextval('musicbrainz.label_id_seq'::regclass);


--
-- Name: label_type id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.label_type ALTER COLUMN id SET DEFAULT nextval('musicbrainz.label_type_id_seq'::regclass);


--
-- Name: language id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.language ALTER COLUMN id SET DEFAULT nextval('musicbrainz.language_id_seq'::regclass);


--
-- Name: medium id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.medium ALTER COLUMN id SET DEFAULT nextval('musicbrainz.medium_id_seq'::regclass);


--
-- Name: medium_format id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.medium_format ALTER COLUMN id SET DEFAULT nextval('musicbrainz.medium_format_id_seq'::regclass);


--
-- Name: recording id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.recording ALTER COLUMN id SET DEFAULT nextval('musicbrainz.recording_id_seq'::regclass);


--
-- Name: release id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_id_seq'::regclass);


--
-- Name: release_group id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release_group ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_group_id_seq'::regclass);


--
-- Name: release_group_primary_type id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release_group_primary_type ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_group_primary_type_id_seq'::regclass);


--
-- Name: release_label id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release_label ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_label_id_seq'::regclass);


--
-- Name: release_packaging id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release_packaging ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_packaging_id_seq'::regclass);


--
-- Name: release_status id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.release_status ALTER COLUMN id SET DEFAULT nextval('musicbrainz.release_status_id_seq'::regclass);


--
-- Name: script id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.script ALTER COLUMN id SET DEFAULT nextval('musicbrainz.script_id_seq'::regclass);


--
-- Name: track id; Type: DEFAULT; Schema: musicbrainz; Owner: -
--

ALTER TABLE ONLY musicbrainz.track ALTER COLUMN id SET DEFAULT nextval('musicbrainz.track_id_seq'::regclass);



SET search_path = musicbrainz, public;

INSERT INTO musicbrainz.area (id, gid, name, type, edits_pending, last_updated, begin_date_year, begin_date_month, begin_date_day, end_date_year, end_date_month, end_date_day, ended, comment) VALUES
  ('107', '2db42837-c832-3c27-b4a3-08198f75693c', 'Japan', '1', '0', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, NULL, NULL, NULL, 'false', ''),
  ('113', 'b9f7d640-46e8-313e-b158-ded6d18593b3', 'South Korea', '1', '0', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, NULL, NULL, NULL, 'false', ''),
  ('13', '106e0bec-b638-3b37-b731-f53d507dc00e', 'Australia', '1', '0', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, NULL, NULL, NULL, 'false', ''),
  ('221', '8a754a16-0027-3a29-b6d7-2b40ea0481ed', 'United Kingdom', '1', '0', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, NULL, NULL, NULL, 'false', ''),
  ('222', '489ce91b-6658-3307-9877-795b68554c98', 'United States', '1', '0', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, NULL, NULL, NULL, 'false', '');

INSERT INTO musicbrainz.area_type (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Country', NULL, '1', 'Country is used for areas included (or previously included) in ISO 3166-1, e.g. United States.', '06dd0ae4-8c74-30bb-b43d-95dcedf961de'),
  ('2', 'Subdivision', NULL, '2', 'Subdivision is used for the main administrative divisions of a country, e.g. California, Ontario, Okinawa. These are considered when displaying the parent areas for a given area.', 'fd3d44c5-80a1-3842-9745-2c4972d35afa'),
  ('3', 'City', NULL, '3', 'City is used for settlements of any size, including towns and villages.', '6fd8f29a-3d0a-32fc-980d-ea697b69da78');

INSERT INTO musicbrainz.artist (id, gid, name, sort_name, begin_date_year, begin_date_month, begin_date_day, end_date_year, end_date_month, end_date_day, type, area, gender, comment, edits_pending, last_updated, ended, begin_area, end_area) VALUES
  ('11545', '3088b672-fba9-4b4b-8ae0-dce13babfbb4', 'Plone', 'Plone', NULL, NULL, NULL, NULL, NULL, NULL, '2', NULL, NULL, '', '0', NULL, 'false', NULL, NULL),
  ('135345', '22dd2db3-88ea-4428-a7a8-5cd3acf23175', 'm-flo', 'm-flo', '1998', NULL, NULL, NULL, NULL, NULL, '2', NULL, NULL, '', '0', NULL, 'false', NULL, NULL),
  ('180273', '5b85945c-c9ca-4346-a58e-7992f6c6a5b6', 'SKC & Bratwa', 'SKC & Bratwa', NULL, NULL, NULL, NULL, NULL, NULL, '2', NULL, NULL, '', '0', '2010-05-23 13:32:49.951844+00', 'false', NULL, NULL),
  ('9496', 'a16d1433-ba89-4f72-a47b-a370add0bb55', 'BoA', 'BoA', '1986', '11', '5', NULL, NULL, NULL, '1', NULL, NULL, '', '0', NULL, 'false', NULL, NULL);

INSERT INTO musicbrainz.artist_alias (id, artist, name, locale, edits_pending, last_updated, type, sort_name, begin_date_year, begin_date_month, begin_date_day, end_date_year, end_date_month, end_date_day, primary_for_locale, ended) VALUES
  ('11901', '9496', 'Kwon BoA', NULL, '0', '2011-01-18 15:20:17.74049+00', NULL, 'Kwon BoA', NULL, NULL, NULL, NULL, NULL, NULL, 'false', 'false'),
  ('11902', '9496', 'BoA Kwon', NULL, '0', '2011-01-18 15:20:17.74049+00', NULL, 'BoA Kwon', NULL, NULL, NULL, NULL, NULL, NULL, 'false', 'false'),
  ('11905', '9496', 'Beat of Angel', NULL, '0', '2011-01-18 15:20:17.74049+00', NULL, 'Beat of Angel', NULL, NULL, NULL, NULL, NULL, NULL, 'false', 'false');

INSERT INTO musicbrainz.artist_alias_type (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Artist name', NULL, '0', NULL, '894afba6-2816-3c24-8072-eadb66bd04bc'),
  ('2', 'Legal name', NULL, '0', NULL, 'd4dcd0c0-b341-3612-a332-c0ce797b25cf'),
  ('3', 'Search hint', NULL, '0', NULL, '1937e404-b981-3cb7-8151-4c86ebfc8d8e');

INSERT INTO musicbrainz.artist_credit (id, name, artist_count, ref_count, created, edits_pending, gid) VALUES
  ('11545', 'Plone', '1', '159', '2011-01-18 16:24:02.551922+00', '0', '68734848-cbfb-3d65-9e0c-d4e2870650bf'),
  ('135345', 'm-flo', '1', '766', '2011-01-18 16:24:02.551922+00', '0', '2e12df5b-963e-38f7-9be3-d78adef836c3'),
  ('180273', 'SKC & Bratwa', '1', '14', '2011-01-18 16:24:02.551922+00', '0', '34279919-4d79-35e8-be13-c999873970e1'),
  ('242', 'The Chemical Brothers', '1', '2784', '2011-01-18 16:24:02.551922+00', '0', 'a17fe3a6-c6e7-3559-b2df-917fb52e65ff'),
  ('265421', 'Testy', '1', '34', '2011-01-18 16:24:02.551922+00', '0', 'f6daf4dc-acb7-3085-b18c-a14eab9eacfc'),
  ('265420', '7人祭', '1', '44', '2011-01-18 16:24:02.551922+00', '0', 'cc604781-0597-35e7-80c8-892cd7e70c24'),
  ('305', 'Blind Melon', '1', '1156', '2011-05-16 16:32:11.963929+00', '0', 'c891596f-5584-3022-804b-717f04c64edf'),
  ('9496', 'BoA', '1', '2469', '2011-01-18 16:24:02.551922+00', '0', 'd47ef84c-318d-327b-8920-00ee48937224');

INSERT INTO musicbrainz.artist_credit_name (artist_credit, "position", artist, name, join_phrase) VALUES
  ('11545', '0', '11545', 'Plone', ''),
  ('135345', '0', '135345', 'm-flo', ''),
  ('180273', '0', '180273', 'SKC & Bratwa', '');

INSERT INTO musicbrainz.artist_type (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Person', NULL, '1', NULL, 'b6e035f4-3ce9-331c-97df-83397230b0df'),
  ('2', 'Group', NULL, '2', NULL, 'e431f5f6-b5d2-343d-8b36-72607fffb74b'),
  ('3', 'Other', NULL, '99', NULL, 'ac897045-5043-3294-969b-187360e45d86');

INSERT INTO musicbrainz.editor (id, name, privs, email, website, bio, member_since, email_confirm_date, last_login_date, last_updated, birth_date, gender, area, password, ha1, deleted) VALUES
  ('100000001', 'a tagger', '0', '', NULL, NULL, '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, '', '', 'false'),
  ('100000002', 'b tagger', '0', '', NULL, NULL, '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, '', '', 'false'),
  ('100000003', 'c tagger', '0', '', NULL, NULL, '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', '2026-12-07 00:18:22.417703+00', NULL, NULL, NULL, '', '', 'false');

INSERT INTO musicbrainz.gender (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Male', NULL, '1', NULL, '36d3d30a-839d-3eda-8cb3-29be4384e4a9'),
  ('2', 'Female', NULL, '2', NULL, '93452b5a-a947-30c8-934f-6a4056b151c2'),
  ('3', 'Other', NULL, '3', NULL, '081c0bf5-da60-37b0-95f8-2207a3f7f9d6');

INSERT INTO musicbrainz.label (id, gid, name, begin_date_year, begin_date_month, begin_date_day, end_date_year, end_date_month, end_date_day, label_code, type, area, comment, edits_pending, last_updated, ended) VALUES
  ('124', '229bd4be-8cd7-442c-85b0-5007ea353abc', 'Matador Records', '1989', NULL, NULL, NULL, NULL, NULL, '11552', '4', '222', '', '0', NULL, 'false'),
  ('132', 'b4edce40-090f-4956-b82a-5d9d285da40b', 'Planet Mu', '1995', NULL, NULL, NULL, NULL, NULL, NULL, '4', '221', '', '0', NULL, 'false'),
  ('15288', 'ef36d3a8-fcc9-4e50-bb80-27bcfd0bbdad', 'ABC-Paramount', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '4', '222', '', '0', NULL, 'false'),
  ('381', '6bb73458-6c5f-4c26-8367-66fcef562955', 'zetima', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '4', '107', '', '1', '2011-02-03 18:27:17.336777+00', 'false'),
  ('28', '168f48c8-057e-4974-9600-aa9956d21e1a', 'avex trax', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '4', '107', '', '0', '2009-06-27 16:09:17.482349+00', 'false');

INSERT INTO musicbrainz.label_type (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Distributor', NULL, '0', NULL, '53ab8dcc-9946-3b62-966e-7634d78e5034'),
  ('2', 'Holding', NULL, '0', NULL, '43f31a62-97e4-36f6-9752-453c131b71ed'),
  ('3', 'Production', NULL, '0', NULL, 'a2426aab-2dd4-339c-b47d-b4923a241678'),
  ('4', 'Original Production', '3', '0', NULL, '7aaa37fe-2def-3476-b359-80245850062d');

INSERT INTO musicbrainz.language (id, iso_code_2t, iso_code_2b, iso_code_1, name, frequency, iso_code_3) VALUES
  ('113', 'nld', 'dut', 'nl', 'Dutch', '2', 'nld'),
  ('120', 'eng', 'eng', 'en', 'English', '2', 'eng'),
  ('123', 'est', 'est', 'et', 'Estonian', '1', 'est'),
  ('198', 'jpn', 'jpn', 'ja', 'Japanese', '2', 'jpn');

INSERT INTO musicbrainz.medium (id, release, "position", format, name, edits_pending, last_updated, track_count, gid) VALUES
  ('123054', '123054', '1', '1', '', '0', '2026-12-07 00:18:22.417703+00', '3', '18d49785-59f6-4698-99bc-43aa0043abd9'),
  ('123055', '123055', '1', '1', '', '0', '2011-01-18 15:21:33.71184+00', '0', '596a290f-cf94-4d63-ae82-8dcbacd7db6a'),
  ('1279200', '1247355', '1', '1', '', '0', '2026-12-07 00:18:22.417703+00', '3', 'cc7380e2-f2bc-44b8-a8a2-75d8b85aa590'),
  ('59312', '59312', '1', '1', '', '0', '2026-12-07 00:18:22.417703+00', '13', 'e0df2f88-caa6-44fb-918f-1aa07f20f361'),
  ('49161', '49161', '1', '1', '', '0', '2026-12-07 00:18:22.417703+00', '3', '1f8e4908-a1ae-4681-a945-900d64ee91f8'),
  ('654729', '654729', '1', '7', '', '0', '2026-12-07 00:18:22.417703+00', '10', 'cf08f19c-4530-4d6d-905b-5d4b73c333c7');

INSERT INTO musicbrainz.medium_format (id, name, parent, child_order, year, has_discids, description, gid) VALUES
  ('1', 'CD', NULL, '0', '1982', 'true', NULL, '9712d52a-4509-3d4b-a1a2-67c88c643e31'),
  ('10', 'Reel-to-reel', '13', '0', '1935', 'false', NULL, '58016447-3617-3da2-b1d0-7646c2a7797e'),
  ('11', 'DAT', '13', '0', '1976', 'false', NULL, '0bef8b9c-f1f8-3f49-a737-dde52fb120ea'),
  ('13', 'Other', NULL, '99', NULL, 'true', NULL, '3408c8ed-b520-3a80-be3b-7fa855665346'),
  ('7', 'Vinyl', NULL, '1', '1940', 'false', NULL, '10e17707-9751-3aaf-95b2-2432acd5374c');

INSERT INTO musicbrainz.recording (id, gid, name, artist_credit, length, comment, edits_pending, last_updated, video) VALUES
  ('1062699', 'bf7845cc-eac3-48a3-8b06-543b4b7ba117', 'Hey Boy Hey Girl', '242', '289946', '', '0', '2026-12-07 00:18:22.417703+00', 'false'),
  ('11484260', 'cc824d2a-cbed-492f-843e-4463c7cab7d7', 'Out of Control', '242', '102000', '', '0', NULL, 'false'),
  ('11484261', 'ba5daf89-a258-4d88-bd7a-f861f64ac7e1', 'Let Forever Be', '242', '99000', '', '0', NULL, 'false'),
  ('1542683', '8920288e-7541-48a7-b23b-f80447c8b1ab', 'Top & Low Rent', '11545', '230506', '', '0', NULL, 'false'),
  ('4223059', '162630d9-36d2-4a8d-ade1-1c77440b34e7', 'サマーれげぇ!レインボー', '265420', '296026', '', '0', NULL, 'false'),
  ('3622828', '98a4adf6-8761-4adb-a940-acb58dc664b3', '心の手紙', '9496', '290000', '', '0', '2026-12-07 00:18:22.417703+00', 'false');

INSERT INTO musicbrainz.release (id, gid, name, artist_credit, release_group, status, packaging, language, script, barcode, comment, edits_pending, quality, last_updated) VALUES
  ('123054', 'b3b7e934-445b-4c68-a097-730c6a6d47e6', 'Summer Reggae! Rainbow', '265420', '377462', '4', NULL, '198', '28', '4942463511227', '', '0', '2', NULL),
  ('123055', 'b3b7e934-445b-4c68-a097-730c6a6d47e7', 'Testy', '265421', '377463', '4', NULL, '198', '28', '4942463511227', '', '0', '-1', NULL),
  ('1247355', 'ec0d0122-b559-4aa1-a017-7068814aae57', 'Soup', '305', '61258', '1', NULL, '120', '28', '0208311348266', '', '0', '-1', NULL),
  ('49161', '0385f276-5f4f-4c81-a7a4-6bd7b8d85a7e', 'サマーれげぇ!レインボー', '265420', '377462', '1', NULL, '198', '85', '4942463511227', '', '0', '-1', NULL),
  ('59312', 'cacc586f-c2f2-49db-8534-6f44b55196f2', 'LOVE & HONESTY', '9496', '326504', '1', NULL, '198', '85', '4988064173907', '', '0', '-1', '2009-09-24 19:33:36.305407+00'),
  ('558940', '28fc2337-985b-3da9-ac40-ad6f28ff0d8e', 'LOVE & HONESTY', '9496', '326504', '1', NULL, '198', '85', '4988064173891', '', '0', '-1', '2009-09-24 19:33:36.305407+00'),
  ('654729', 'dd66bfdd-6097-32e3-91b6-67f47ba25d4c', 'For Beginner Piano', '11545', '155364', '1', NULL, '120', '28', '', '', '0', '-1', '2010-02-22 02:01:29.413661+00');

INSERT INTO musicbrainz.release_group (id, gid, name, artist_credit, type, comment, edits_pending, last_updated) VALUES
  ('155364', '202cad78-a2e1-3fa7-b8bc-77c1f737e3da', 'For Beginner Piano', '11545', '1', '', '0', '2009-05-24 20:47:00.490177+00'),
  ('326504', '23f421e7-431e-3e1d-bcbf-b91f5f7c5e2c', 'LOVE & HONESTY', '9496', '1', '', '0', '2009-05-24 20:47:00.490177+00'),
  ('377462', 'b84625af-6229-305f-9f1b-59c0185df016', 'サマーれげぇ!レインボー', '265420', '2', '', '0', '2009-05-24 20:47:00.490177+00'),
  ('377463', 'b84625af-6229-305f-9f1b-59c0185df017', 'Testy', '265421', '2', '', '0', '2009-05-24 20:47:00.490177+00'),
  ('61258', '9dba763e-7cff-36b3-af88-b755f237a4c7', 'Soup', '305', '1', '', '0', '2009-05-24 20:47:00.490177+00');

INSERT INTO musicbrainz.release_group_primary_type (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Album', NULL, '1', NULL, 'f529b476-6e62-324f-b0aa-1f3e33d313fc'),
  ('11', 'Other', NULL, '99', NULL, '4fc3be2b-de1e-396b-a933-beb8f1607a22'),
  ('12', 'Broadcast', NULL, '4', NULL, '3b2e49e1-2875-37b8-9fa9-1f7cf3f49900'),
  ('2', 'Single', NULL, '2', NULL, 'd6038452-8ee0-3f68-affc-2de9a1ede0b9');

INSERT INTO musicbrainz.release_label (id, release, label, catalog_number, last_updated) VALUES
  ('113446', '558940', '28', 'AVCD-17389', '2011-01-18 15:52:02.917556+00'),
  ('113447', '59312', '28', 'AVCD-17390', '2011-01-18 15:52:02.917556+00'),
  ('127218', '49161', '381', 'EPCE-5112', '2011-01-18 15:52:02.917556+00');

INSERT INTO musicbrainz.release_packaging (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Jewel Case', NULL, '0', 'The traditional CD case, made of hard, brittle plastic.', 'ec27701a-4a22-37f4-bfac-6616e0f9750a'),
  ('2', 'Slim Jewel Case', NULL, '0', 'A thinner jewel case, commonly used for CD singles.', '36327bc2-f691-3d66-80e5-bd03cec6060a'),
  ('3', 'Digipak', NULL, '0', NULL, '8f931351-d2e2-310f-afc6-37b89ddba246');

INSERT INTO musicbrainz.release_status (id, name, parent, child_order, description, gid) VALUES
  ('1', 'Official', NULL, '1', 'Any release officially sanctioned by the artist and/or their record company. Most releases will fit into this category.', '4e304316-386d-3409-af2e-78857eec5cfe'),
  ('2', 'Promotion', NULL, '2', 'A give-away release or a release intended to promote an upcoming official release (e.g. pre-release versions, releases included with a magazine, versions supplied to radio DJs for air-play).', '518ffc83-5cde-34df-8627-81bff5093d92'),
  ('3', 'Bootleg', NULL, '3', 'An unofficial/underground release that was not sanctioned by the artist and/or the record company. This includes unofficial live recordings and pirated releases.', '1156806e-d06a-38bd-83f0-cf2284a808b9'),
  ('4', 'Pseudo-Release', NULL, '4', 'An alternate version of a release where the titles have been changed. These don''t correspond to any real release and should be linked to the original release using the transl(iter)ation relationship.', '41121bb9-3413-3818-8a9a-9742318349aa');

INSERT INTO musicbrainz.script (id, iso_code, iso_number, name, frequency) VALUES
  ('112', 'Zsym', '996', 'Symbols', '3'),
  ('28', 'Latn', '215', 'Latin', '4'),
  ('3', 'Ugar', '040', 'Ugaritic', '2'),
  ('85', 'Jpan', '413', 'Japanese', '4');

INSERT INTO musicbrainz.track (id, gid, recording, medium, "position", number, name, artist_credit, length, edits_pending, last_updated, is_data_track) VALUES
  ('1', '4a7c2f1e-cf40-383c-a1c1-d1272d8234cd', '4223059', '49161', '1', '1', 'サマーれげぇ!レインボー', '265420', '296026', '0', '2011-01-18 15:56:00.408782+00', 'false'),
  ('10', 'b7b06585-45d2-3313-9521-ffc5da758605', '1542683', '654729', '2', '2', 'Top & Low Rent', '11545', '230506', '0', '2011-01-18 15:56:00.408782+00', 'false'),
  ('100', '9c6a0164-b24b-3592-b41d-a04e40de923e', '3622828', '59312', '9', '9', '心の手紙', '9496', '290000', '0', '2011-01-18 15:56:00.408782+00', 'false');

--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

