-- pagila: schema by pg_dump (trimmed), 3 rows a table closed over the foreign keys

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
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

-- *not* creating schema, since initdb creates it


--
-- Name: bıgınt; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public."bıgınt" AS bigint;


--
-- Name: mpaa_rating; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.mpaa_rating AS ENUM (
    'G',
    'PG',
    'PG-13',
    'R',
    'NC-17'
);


--
-- Name: year; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.year AS integer
	CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));


--
-- Name: _group_concat(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public._group_concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
SELECT CASE
  WHEN $2 IS NULL THEN $1
  WHEN $1 IS NULL THEN $2
  ELSE $1 || ', ' || $2
END
$_$;


--
-- Name: film_in_stock(integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.film_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer) RETURNS SETOF integer
    LANGUAGE sql
    AS $_$
     SELECT inventory_id
     FROM inventory
     WHERE film_id = $1
     AND store_id = $2
     AND inventory_in_stock(inventory_id);
$_$;


--
-- Name: film_not_in_stock(integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.film_not_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer) RETURNS SETOF integer
    LANGUAGE sql
    AS $_$
    SELECT inventory_id
    FROM inventory
    WHERE film_id = $1
    AND store_id = $2
    AND NOT inventory_in_stock(inventory_id);
$_$;


--
-- Name: get_customer_balance(integer, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.get_customer_balance(p_customer_id integer, p_effective_date timestamp with time zone) RETURNS numeric
    LANGUAGE plpgsql
    AS $$
       --#OK, WE NEED TO CALCULATE THE CURRENT BALANCE GIVEN A CUSTOMER_ID AND A DATE
       --#THAT WE WANT THE BALANCE TO BE EFFECTIVE FOR. THE BALANCE IS:
       --#   1) RENTAL FEES FOR ALL PREVIOUS RENTALS
       --#   2) ONE DOLLAR FOR EVERY DAY THE PREVIOUS RENTALS ARE OVERDUE
       --#   3) IF A FILM IS MORE THAN RENTAL_DURATION * 2 OVERDUE, CHARGE THE REPLACEMENT_COST
       --#   4) SUBTRACT ALL PAYMENTS MADE BEFORE THE DATE SPECIFIED
DECLARE
    v_rentfees DECIMAL(5,2); --#FEES PAID TO RENT THE VIDEOS INITIALLY
    v_overfees INTEGER;      --#LATE FEES FOR PRIOR RENTALS
    v_payments DECIMAL(5,2); --#SUM OF PAYMENTS MADE PREVIOUSLY
BEGIN
    SELECT COALESCE(SUM(film.rental_rate),0) INTO v_rentfees
    FROM film, inventory, rental
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

    SELECT COALESCE(SUM(IF((rental.return_date - rental.rental_date) > (film.rental_duration * '1 day'::interval),
        ((rental.return_date - rental.rental_date) - (film.rental_duration * '1 day'::interval)),0)),0) INTO v_overfees
    FROM rental, inventory, film
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

    SELECT COALESCE(SUM(payment.amount),0) INTO v_payments
    FROM payment
    WHERE payment.payment_date <= p_effective_date
    AND payment.customer_id = p_customer_id;

    RETURN v_rentfees + v_overfees - v_payments;
END
$$;


--
-- Name: inventory_held_by_customer(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.inventory_held_by_customer(p_inventory_id integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_customer_id INTEGER;
BEGIN

  SELECT customer_id INTO v_customer_id
  FROM rental
  WHERE return_date IS NULL
  AND inventory_id = p_inventory_id;

  RETURN v_customer_id;
END $$;


--
-- Name: inventory_in_stock(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.inventory_in_stock(p_inventory_id integer) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_rentals INTEGER;
    v_out     INTEGER;
BEGIN
    -- AN ITEM IS IN-STOCK IF THERE ARE EITHER NO ROWS IN THE rental TABLE
    -- FOR THE ITEM OR ALL ROWS HAVE return_date POPULATED

    SELECT count(*) INTO v_rentals
    FROM rental
    WHERE inventory_id = p_inventory_id;

    IF v_rentals = 0 THEN
      RETURN TRUE;
    END IF;

    SELECT COUNT(rental_id) INTO v_out
    FROM inventory LEFT JOIN rental USING(inventory_id)
    WHERE inventory.inventory_id = p_inventory_id
    AND rental.return_date IS NULL;

    IF v_out > 0 THEN
      RETURN FALSE;
    ELSE
      RETURN TRUE;
    END IF;
END $$;


--
-- Name: last_day(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.last_day(timestamp with time zone) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT
    AS $_$
  SELECT CASE
    WHEN EXTRACT(MONTH FROM $1) = 12 THEN
      (((EXTRACT(YEAR FROM $1) + 1) operator(pg_catalog.||) '-01-01')::date - INTERVAL '1 day')::date
    ELSE
      ((EXTRACT(YEAR FROM $1) operator(pg_catalog.||) '-' operator(pg_catalog.||) (EXTRACT(MONTH FROM $1) + 1) operator(pg_catalog.||) '-01')::date - INTERVAL '1 day')::date
    END
$_$;


--
-- Name: last_updated(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.last_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END $$;


--
-- Name: customer_customer_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.customer_customer_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer (
    customer_id integer DEFAULT nextval('public.customer_customer_id_seq'::regclass) NOT NULL,
    store_id integer NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email text,
    address_id integer NOT NULL,
    activebool boolean DEFAULT true NOT NULL,
    create_date date DEFAULT CURRENT_DATE NOT NULL,
    last_update timestamp with time zone DEFAULT now(),
    active integer
);


--
-- Name: rewards_report(integer, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rewards_report(min_monthly_purchases integer, min_dollar_amount_purchased numeric) RETURNS SETOF public.customer
    LANGUAGE plpgsql SECURITY DEFINER
    AS $_$
DECLARE
    last_month_start DATE;
    last_month_end DATE;
rr RECORD;
tmpSQL TEXT;
BEGIN

    /* Some sanity checks... */
    IF min_monthly_purchases = 0 THEN
        RAISE EXCEPTION 'Minimum monthly purchases parameter must be > 0';
    END IF;
    IF min_dollar_amount_purchased = 0.00 THEN
        RAISE EXCEPTION 'Minimum monthly dollar amount purchased parameter must be > $0.00';
    END IF;

    last_month_start := CURRENT_DATE - '3 month'::interval;
    last_month_start := to_date((extract(YEAR FROM last_month_start) || '-' || extract(MONTH FROM last_month_start) || '-01'),'YYYY-MM-DD');
    last_month_end := LAST_DAY(last_month_start);

    /*
    Create a temporary storage area for Customer IDs.
    */
    CREATE TEMPORARY TABLE tmpCustomer (customer_id INTEGER NOT NULL PRIMARY KEY);

    /*
    Find all customers meeting the monthly purchase requirements
    */

    tmpSQL := 'INSERT INTO tmpCustomer (customer_id)
        SELECT p.customer_id
        FROM payment AS p
        WHERE DATE(p.payment_date) BETWEEN '||quote_literal(last_month_start) ||' AND '|| quote_literal(last_month_end) || '
        GROUP BY customer_id
        HAVING SUM(p.amount) > '|| min_dollar_amount_purchased || '
        AND COUNT(customer_id) > ' ||min_monthly_purchases ;

    EXECUTE tmpSQL;

    /*
    Output ALL customer information of matching rewardees.
    Customize output as needed.
    */
    FOR rr IN EXECUTE 'SELECT c.* FROM tmpCustomer AS t INNER JOIN customer AS c ON t.customer_id = c.customer_id' LOOP
        RETURN NEXT rr;
    END LOOP;

    /* Clean up */
    tmpSQL := 'DROP TABLE tmpCustomer';
    EXECUTE tmpSQL;

RETURN;
END
$_$;


--
-- Name: group_concat(text); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.group_concat(text) (
    SFUNC = public._group_concat,
    STYPE = text
);


--
-- Name: actor_actor_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.actor_actor_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: actor; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actor (
    actor_id integer DEFAULT nextval('public.actor_actor_id_seq'::regclass) NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: category_category_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.category_category_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: category; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.category (
    category_id integer DEFAULT nextval('public.category_category_id_seq'::regclass) NOT NULL,
    name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: film_film_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.film_film_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: film; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.film (
    film_id integer DEFAULT nextval('public.film_film_id_seq'::regclass) NOT NULL,
    title text NOT NULL,
    description text,
    release_year public.year,
    language_id integer NOT NULL,
    original_language_id integer,
    rental_duration smallint DEFAULT 3 NOT NULL,
    rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
    length smallint,
    replacement_cost numeric(5,2) DEFAULT 19.99 NOT NULL,
    rating public.mpaa_rating DEFAULT 'G'::public.mpaa_rating,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    special_features text[],
    fulltext tsvector NOT NULL
);


--
-- Name: film_actor; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.film_actor (
    actor_id integer NOT NULL,
    film_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: film_category; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.film_category (
    film_id integer NOT NULL,
    category_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: actor_info; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.actor_info AS
 SELECT a.actor_id,
    a.first_name,
    a.last_name,
    public.group_concat(DISTINCT ((c.name || ': '::text) || ( SELECT public.group_concat(f.title) AS group_concat
           FROM ((public.film f
             JOIN public.film_category fc_1 ON ((f.film_id = fc_1.film_id)))
             JOIN public.film_actor fa_1 ON ((f.film_id = fa_1.film_id)))
          WHERE ((fc_1.category_id = c.category_id) AND (fa_1.actor_id = a.actor_id))
          GROUP BY fa_1.actor_id))) AS film_info
   FROM (((public.actor a
     LEFT JOIN public.film_actor fa ON ((a.actor_id = fa.actor_id)))
     LEFT JOIN public.film_category fc ON ((fa.film_id = fc.film_id)))
     LEFT JOIN public.category c ON ((fc.category_id = c.category_id)))
  GROUP BY a.actor_id, a.first_name, a.last_name;


--
-- Name: address_address_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.address_address_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: address; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.address (
    address_id integer DEFAULT nextval('public.address_address_id_seq'::regclass) NOT NULL,
    address text NOT NULL,
    address2 text,
    district text NOT NULL,
    city_id integer NOT NULL,
    postal_code text,
    phone text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: city_city_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.city_city_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: city; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.city (
    city_id integer DEFAULT nextval('public.city_city_id_seq'::regclass) NOT NULL,
    city text NOT NULL,
    country_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: country_country_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.country_country_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: country; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.country (
    country_id integer DEFAULT nextval('public.country_country_id_seq'::regclass) NOT NULL,
    country text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: customer_list; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.customer_list AS
 SELECT cu.customer_id AS id,
    ((cu.first_name || ' '::text) || cu.last_name) AS name,
    a.address,
    a.postal_code AS "zip code",
    a.phone,
    city.city,
    country.country,
        CASE
            WHEN cu.activebool THEN 'active'::text
            ELSE ''::text
        END AS notes,
    cu.store_id AS sid
   FROM (((public.customer cu
     JOIN public.address a ON ((cu.address_id = a.address_id)))
     JOIN public.city ON ((a.city_id = city.city_id)))
     JOIN public.country ON ((city.country_id = country.country_id)));


--
-- Name: film_list; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.film_list AS
 SELECT film.film_id AS fid,
    film.title,
    film.description,
    category.name AS category,
    film.rental_rate AS price,
    film.length,
    film.rating,
    public.group_concat(((actor.first_name || ' '::text) || actor.last_name)) AS actors
   FROM ((((public.category
     LEFT JOIN public.film_category ON ((category.category_id = film_category.category_id)))
     LEFT JOIN public.film ON ((film_category.film_id = film.film_id)))
     JOIN public.film_actor ON ((film.film_id = film_actor.film_id)))
     JOIN public.actor ON ((film_actor.actor_id = actor.actor_id)))
  GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;


--
-- Name: inventory_inventory_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.inventory_inventory_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: inventory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inventory (
    inventory_id integer DEFAULT nextval('public.inventory_inventory_id_seq'::regclass) NOT NULL,
    film_id integer NOT NULL,
    store_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: language_language_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.language_language_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: language; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.language (
    language_id integer DEFAULT nextval('public.language_language_id_seq'::regclass) NOT NULL,
    name character(20) NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: nicer_but_slower_film_list; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.nicer_but_slower_film_list AS
 SELECT film.film_id AS fid,
    film.title,
    film.description,
    category.name AS category,
    film.rental_rate AS price,
    film.length,
    film.rating,
    public.group_concat((((upper("substring"(actor.first_name, 1, 1)) || lower("substring"(actor.first_name, 2))) || upper("substring"(actor.last_name, 1, 1))) || lower("substring"(actor.last_name, 2)))) AS actors
   FROM ((((public.category
     LEFT JOIN public.film_category ON ((category.category_id = film_category.category_id)))
     LEFT JOIN public.film ON ((film_category.film_id = film.film_id)))
     JOIN public.film_actor ON ((film.film_id = film_actor.film_id)))
     JOIN public.actor ON ((film_actor.actor_id = actor.actor_id)))
  GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;


--
-- Name: payment_payment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.payment_payment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: payment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
)
PARTITION BY RANGE (payment_date);


--
-- Name: payment_p2022_01; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_01 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_02; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_02 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_03; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_03 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_04; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_04 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_05; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_05 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_06; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_06 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: payment_p2022_07; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_p2022_07 (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);


--
-- Name: rental_rental_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.rental_rental_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: rental; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rental (
    rental_id integer DEFAULT nextval('public.rental_rental_id_seq'::regclass) NOT NULL,
    rental_date timestamp with time zone NOT NULL,
    inventory_id integer NOT NULL,
    customer_id integer NOT NULL,
    return_date timestamp with time zone,
    staff_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: rental_by_category; Type: MATERIALIZED VIEW; Schema: public; Owner: -
--

CREATE MATERIALIZED VIEW public.rental_by_category AS
 SELECT c.name AS category,
    sum(p.amount) AS total_sales
   FROM (((((public.payment p
     JOIN public.rental r ON ((p.rental_id = r.rental_id)))
     JOIN public.inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN public.film f ON ((i.film_id = f.film_id)))
     JOIN public.film_category fc ON ((f.film_id = fc.film_id)))
     JOIN public.category c ON ((fc.category_id = c.category_id)))
  GROUP BY c.name
  ORDER BY (sum(p.amount)) DESC
  WITH NO DATA;


--
-- Name: sales_by_film_category; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.sales_by_film_category AS
 SELECT c.name AS category,
    sum(p.amount) AS total_sales
   FROM (((((public.payment p
     JOIN public.rental r ON ((p.rental_id = r.rental_id)))
     JOIN public.inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN public.film f ON ((i.film_id = f.film_id)))
     JOIN public.film_category fc ON ((f.film_id = fc.film_id)))
     JOIN public.category c ON ((fc.category_id = c.category_id)))
  GROUP BY c.name
  ORDER BY (sum(p.amount)) DESC;


--
-- Name: staff_staff_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.staff_staff_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: staff; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff (
    staff_id integer DEFAULT nextval('public.staff_staff_id_seq'::regclass) NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    address_id integer NOT NULL,
    email text,
    store_id integer NOT NULL,
    active boolean DEFAULT true NOT NULL,
    username text NOT NULL,
    password text,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    picture bytea
);


--
-- Name: store_store_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.store_store_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: store; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store (
    store_id integer DEFAULT nextval('public.store_store_id_seq'::regclass) NOT NULL,
    manager_staff_id integer NOT NULL,
    address_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: sales_by_store; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.sales_by_store AS
 SELECT ((c.city || ','::text) || cy.country) AS store,
    ((m.first_name || ' '::text) || m.last_name) AS manager,
    sum(p.amount) AS total_sales
   FROM (((((((public.payment p
     JOIN public.rental r ON ((p.rental_id = r.rental_id)))
     JOIN public.inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN public.store s ON ((i.store_id = s.store_id)))
     JOIN public.address a ON ((s.address_id = a.address_id)))
     JOIN public.city c ON ((a.city_id = c.city_id)))
     JOIN public.country cy ON ((c.country_id = cy.country_id)))
     JOIN public.staff m ON ((s.manager_staff_id = m.staff_id)))
  GROUP BY cy.country, c.city, s.store_id, m.first_name, m.last_name
  ORDER BY cy.country, c.city;


--
-- Name: staff_list; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.staff_list AS
 SELECT s.staff_id AS id,
    ((s.first_name || ' '::text) || s.last_name) AS name,
    a.address,
    a.postal_code AS "zip code",
    a.phone,
    city.city,
    country.country,
    s.store_id AS sid
   FROM (((public.staff s
     JOIN public.address a ON ((s.address_id = a.address_id)))
     JOIN public.city ON ((a.city_id = city.city_id)))
     JOIN public.country ON ((city.country_id = country.country_id)));


--
-- Name: payment_p2022_01; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_01 FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');


--
-- Name: payment_p2022_02; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_02 FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');


--
-- Name: payment_p2022_03; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_03 FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-04-01 00:00:00+00');


--
-- Name: payment_p2022_04; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_04 FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00');


--
-- Name: payment_p2022_05; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_05 FOR VALUES FROM ('2022-05-01 00:00:00+00') TO ('2022-06-01 00:00:00+00');


--
-- Name: payment_p2022_06; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_06 FOR VALUES FROM ('2022-06-01 00:00:00+00') TO ('2022-07-01 00:00:00+00');


--
-- Name: payment_p2022_07; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_07 FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-08-01 00:00:00+00');


--
-- PostgreSQL database dump complete
--





INSERT INTO public.actor (actor_id, first_name, last_name, last_update) VALUES
  ('1', 'PENELOPE', 'GUINESS', '2022-02-15 09:34:33+00'),
  ('10', 'CHRISTIAN', 'GABLE', '2022-02-15 09:34:33+00'),
  ('100', 'SPENCER', 'DEPP', '2022-02-15 09:34:33+00');

INSERT INTO public.address (address_id, address, address2, district, city_id, postal_code, phone, last_update) VALUES
  ('1', '47 MySakila Drive', NULL, 'Alberta', '300', '', '', '2022-02-15 09:45:30+00'),
  ('10', '1795 Santiago de Compostela Way', '', 'Texas', '295', '18743', '860452626434', '2022-02-15 09:45:30+00'),
  ('100', '1308 Arecibo Way', '', 'Georgia', '41', '30695', '6171054059', '2022-02-15 09:45:30+00'),
  ('5', '1913 Hanoi Way', '', 'Nagasaki', '463', '35200', '28303384290', '2022-02-15 09:45:30+00'),
  ('14', '1531 Sal Drive', '', 'Esfahan', '162', '53628', '648856936185', '2022-02-15 09:45:30+00'),
  ('104', '1913 Kamakura Place', '', 'Lipetsk', '238', '97287', '942570536750', '2022-02-15 09:45:30+00'),
  ('12', '478 Joliet Way', '', 'Hamilton', '200', '77948', '657282285970', '2022-02-15 09:45:30+00'),
  ('73', '1031 Daugavpils Parkway', '', 'Bchar', '63', '59025', '107137400143', '2022-02-15 09:45:30+00'),
  ('108', '1386 Yangor Avenue', '', 'Provence-Alpes-Cte', '543', '80720', '449216226468', '2022-02-15 09:45:30+00'),
  ('129', '569 Baicheng Lane', '', 'Gauteng', '85', '60304', '490211944645', '2022-02-15 09:45:30+00'),
  ('6', '1121 Loja Avenue', '', 'California', '449', '17886', '838635286649', '2022-02-15 09:45:30+00'),
  ('28', '96 Tafuna Way', '', 'Crdoba', '128', '99865', '934730187245', '2022-02-15 09:45:30+00'),
  ('37', '127 Purnea (Purnia) Manor', '', 'Piemonte', '17', '79388', '911872220378', '2022-02-15 09:45:30+00'),
  ('45', '42 Brindisi Place', '', 'Yerevan', '586', '16744', '42384721397', '2022-02-15 09:45:30+00'),
  ('134', '758 Junan Lane', '', 'Gois', '190', '82639', '935448624185', '2022-02-15 09:45:30+00'),
  ('212', '624 Oshawa Boulevard', '', 'West Bengali', '51', '89959', '49677664184', '2022-02-15 09:45:30+00'),
  ('274', '920 Kumbakonam Loop', '', 'California', '446', '75090', '685010736240', '2022-02-15 09:45:30+00'),
  ('275', '906 Goinia Way', '', 'Wielkopolskie', '255', '83565', '701767622697', '2022-02-15 09:45:30+00'),
  ('276', '1675 Xiangfan Manor', '', 'Tamil Nadu', '283', '11763', '271149517630', '2022-02-15 09:45:30+00'),
  ('277', '85 San Felipe de Puerto Plata Drive', '', 'Shandong', '584', '46063', '170739645687', '2022-02-15 09:45:30+00'),
  ('279', '1884 Shikarpur Avenue', '', 'Haryana', '263', '85548', '959949395183', '2022-02-15 09:45:30+00'),
  ('282', '556 Baybay Manor', '', 'Oyo & Osun', '374', '55802', '363982224739', '2022-02-15 09:45:30+00'),
  ('283', '457 Tongliao Loop', '', 'Bursa', '222', '56254', '880756161823', '2022-02-15 09:45:30+00'),
  ('284', '600 Bradford Street', '', 'East Azerbaidzan', '514', '96204', '117592274996', '2022-02-15 09:45:30+00'),
  ('302', '922 Vila Velha Loop', '', 'Maharashtra', '9', '4085', '510737228015', '2022-02-15 09:45:30+00'),
  ('404', '734 Bchar Place', '', 'Punjab', '375', '30586', '280578750435', '2022-02-15 09:45:30+00'),
  ('2', '28 MySQL Boulevard', NULL, 'QLD', '576', '', '', '2022-02-15 09:45:30+00'),
  ('71', '1586 Guaruj Place', '', 'Hunan', '579', '5135', '947233365992', '2022-02-15 09:45:30+00');

INSERT INTO public.category (category_id, name, last_update) VALUES
  ('1', 'Action', '2022-02-15 09:46:27+00'),
  ('10', 'Games', '2022-02-15 09:46:27+00'),
  ('11', 'Horror', '2022-02-15 09:46:27+00'),
  ('13', 'New', '2022-02-15 09:46:27+00'),
  ('16', 'Travel', '2022-02-15 09:46:27+00');

INSERT INTO public.city (city_id, city, country_id, last_update) VALUES
  ('1', 'A Corua (La Corua)', '87', '2022-02-15 09:45:25+00'),
  ('10', 'Akishima', '50', '2022-02-15 09:45:25+00'),
  ('100', 'Cam Ranh', '105', '2022-02-15 09:45:25+00'),
  ('41', 'Augusta-Richmond County', '103', '2022-02-15 09:45:25+00'),
  ('295', 'Laredo', '103', '2022-02-15 09:45:25+00'),
  ('300', 'Lethbridge', '20', '2022-02-15 09:45:25+00'),
  ('17', 'Alessandria', '49', '2022-02-15 09:45:25+00'),
  ('63', 'Bchar', '2', '2022-02-15 09:45:25+00'),
  ('85', 'Boksburg', '85', '2022-02-15 09:45:25+00'),
  ('128', 'Crdoba', '6', '2022-02-15 09:45:25+00'),
  ('162', 'Esfahan', '46', '2022-02-15 09:45:25+00'),
  ('200', 'Hamilton', '68', '2022-02-15 09:45:25+00'),
  ('238', 'Jelets', '80', '2022-02-15 09:45:25+00'),
  ('449', 'San Bernardino', '103', '2022-02-15 09:45:25+00'),
  ('463', 'Sasebo', '50', '2022-02-15 09:45:25+00'),
  ('543', 'Toulon', '34', '2022-02-15 09:45:25+00'),
  ('586', 'Yerevan', '7', '2022-02-15 09:45:25+00'),
  ('9', 'Ahmadnagar', '44', '2022-02-15 09:45:25+00'),
  ('51', 'Balurghat', '44', '2022-02-15 09:45:25+00'),
  ('190', 'guas Lindas de Gois', '15', '2022-02-15 09:45:25+00'),
  ('222', 'Inegl', '97', '2022-02-15 09:45:25+00'),
  ('255', 'Kalisz', '76', '2022-02-15 09:45:25+00'),
  ('263', 'Karnal', '44', '2022-02-15 09:45:25+00'),
  ('283', 'Kumbakonam', '44', '2022-02-15 09:45:25+00'),
  ('374', 'Ogbomosho', '69', '2022-02-15 09:45:25+00'),
  ('375', 'Okara', '72', '2022-02-15 09:45:25+00'),
  ('446', 'Salinas', '103', '2022-02-15 09:45:25+00'),
  ('514', 'Tabriz', '46', '2022-02-15 09:45:25+00'),
  ('576', 'Woodridge', '8', '2022-02-15 09:45:25+00'),
  ('579', 'Xiangtan', '23', '2022-02-15 09:45:25+00'),
  ('584', 'Yantai', '23', '2022-02-15 09:45:25+00');

INSERT INTO public.country (country_id, country, last_update) VALUES
  ('1', 'Afghanistan', '2022-02-15 09:44:00+00'),
  ('10', 'Azerbaijan', '2022-02-15 09:44:00+00'),
  ('100', 'Ukraine', '2022-02-15 09:44:00+00'),
  ('20', 'Canada', '2022-02-15 09:44:00+00'),
  ('50', 'Japan', '2022-02-15 09:44:00+00'),
  ('87', 'Spain', '2022-02-15 09:44:00+00'),
  ('103', 'United States', '2022-02-15 09:44:00+00'),
  ('105', 'Vietnam', '2022-02-15 09:44:00+00'),
  ('2', 'Algeria', '2022-02-15 09:44:00+00'),
  ('6', 'Argentina', '2022-02-15 09:44:00+00'),
  ('7', 'Armenia', '2022-02-15 09:44:00+00'),
  ('34', 'France', '2022-02-15 09:44:00+00'),
  ('46', 'Iran', '2022-02-15 09:44:00+00'),
  ('49', 'Italy', '2022-02-15 09:44:00+00'),
  ('68', 'New Zealand', '2022-02-15 09:44:00+00'),
  ('80', 'Russian Federation', '2022-02-15 09:44:00+00'),
  ('85', 'South Africa', '2022-02-15 09:44:00+00'),
  ('8', 'Australia', '2022-02-15 09:44:00+00'),
  ('15', 'Brazil', '2022-02-15 09:44:00+00'),
  ('23', 'China', '2022-02-15 09:44:00+00'),
  ('44', 'India', '2022-02-15 09:44:00+00'),
  ('69', 'Nigeria', '2022-02-15 09:44:00+00'),
  ('72', 'Pakistan', '2022-02-15 09:44:00+00'),
  ('76', 'Poland', '2022-02-15 09:44:00+00'),
  ('97', 'Turkey', '2022-02-15 09:44:00+00');

INSERT INTO public.customer (customer_id, store_id, first_name, last_name, email, address_id, activebool, create_date, last_update, active) VALUES
  ('1', '1', 'MARY', 'SMITH', 'MARY.SMITH@sakilacustomer.org', '5', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('10', '1', 'DOROTHY', 'TAYLOR', 'DOROTHY.TAYLOR@sakilacustomer.org', '14', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('100', '1', 'ROBIN', 'HAYES', 'ROBIN.HAYES@sakilacustomer.org', '104', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('130', '1', 'CHARLOTTE', 'HUNTER', 'CHARLOTTE.HUNTER@sakilacustomer.org', '134', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('208', '1', 'LUCY', 'WHEELER', 'LUCY.WHEELER@sakilacustomer.org', '212', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('399', '1', 'DANNY', 'ISOM', 'DANNY.ISOM@sakilacustomer.org', '404', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('269', '1', 'CASSANDRA', 'WALTERS', 'CASSANDRA.WALTERS@sakilacustomer.org', '274', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('271', '1', 'PENNY', 'NEAL', 'PENNY.NEAL@sakilacustomer.org', '276', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '0'),
  ('272', '1', 'KAY', 'CALDWELL', 'KAY.CALDWELL@sakilacustomer.org', '277', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('274', '1', 'NAOMI', 'JENNINGS', 'NAOMI.JENNINGS@sakilacustomer.org', '279', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('277', '2', 'OLGA', 'JIMENEZ', 'OLGA.JIMENEZ@sakilacustomer.org', '282', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('270', '1', 'LEAH', 'CURTIS', 'LEAH.CURTIS@sakilacustomer.org', '275', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('297', '1', 'SHERRI', 'RHODES', 'SHERRI.RHODES@sakilacustomer.org', '302', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('278', '2', 'BILLIE', 'HORTON', 'BILLIE.HORTON@sakilacustomer.org', '283', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1'),
  ('279', '2', 'DIANNE', 'SHELTON', 'DIANNE.SHELTON@sakilacustomer.org', '284', 'true', '2022-02-14', '2022-02-15 09:57:20+00', '1');

INSERT INTO public.film (film_id, title, description, release_year, language_id, original_language_id, rental_duration, rental_rate, length, replacement_cost, rating, last_update, special_features, fulltext) VALUES
  ('1', 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies', '2012', '1', NULL, '6', '0.99', '86', '20.99', 'PG', '2022-09-10 16:46:03.905795+00', '{"Deleted Scenes","Behind the Scenes"}', '''academi'':1 ''battl'':15 ''canadian'':20 ''dinosaur'':2 ''drama'':5 ''epic'':4 ''feminist'':8 ''mad'':11 ''must'':14 ''rocki'':21 ''scientist'':12 ''teacher'':17'),
  ('10', 'ALADDIN CALENDAR', 'A Action-Packed Tale of a Man And a Lumberjack who must Reach a Feminist in Ancient China', '2014', '1', NULL, '6', '4.99', '63', '24.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{Trailers,"Deleted Scenes"}', '''action'':5 ''action-pack'':4 ''aladdin'':1 ''ancient'':20 ''calendar'':2 ''china'':21 ''feminist'':18 ''lumberjack'':13 ''man'':10 ''must'':15 ''pack'':6 ''reach'':16 ''tale'':7'),
  ('100', 'BROOKLYN DESERT', 'A Beautiful Drama of a Dentist And a Composer who must Battle a Sumo Wrestler in The First Manned Space Station', '2020', '3', NULL, '7', '4.99', '161', '21.99', 'R', '2022-09-10 16:46:03.905795+00', '{Commentaries}', '''battl'':14 ''beauti'':4 ''brooklyn'':1 ''compos'':11 ''dentist'':8 ''desert'':2 ''drama'':5 ''first'':20 ''man'':21 ''must'':13 ''space'':22 ''station'':23 ''sumo'':16 ''wrestler'':17'),
  ('23', 'ANACONDA CONFESSIONS', 'A Lacklusture Display of a Dentist And a Dentist who must Fight a Girl in Australia', '2020', '1', NULL, '3', '0.99', '92', '9.99', 'R', '2022-09-10 16:46:03.905795+00', '{Trailers,"Deleted Scenes"}', '''anaconda'':1 ''australia'':18 ''confess'':2 ''dentist'':8,11 ''display'':5 ''fight'':14 ''girl'':16 ''lacklustur'':4 ''must'':13'),
  ('25', 'ANGELS LIFE', 'A Thoughtful Display of a Woman And a Astronaut who must Battle a Robot in Berlin', '2009', '1', NULL, '3', '2.99', '74', '15.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers}', '''angel'':1 ''astronaut'':11 ''battl'':14 ''berlin'':18 ''display'':5 ''life'':2 ''must'':13 ''robot'':16 ''thought'':4 ''woman'':8'),
  ('2', 'ACE GOLDFINGER', 'A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car in Ancient China', '2023', '1', NULL, '3', '4.99', '48', '12.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers,"Deleted Scenes"}', '''ace'':1 ''administr'':9 ''ancient'':19 ''astound'':4 ''car'':17 ''china'':20 ''databas'':8 ''epistl'':5 ''explor'':12 ''find'':15 ''goldfing'':2 ''must'':14'),
  ('20', 'AMELIE HELLFIGHTERS', 'A Boring Drama of a Woman And a Squirrel who must Conquer a Student in A Baloon', '2006', '1', NULL, '4', '4.99', '79', '23.99', 'R', '2022-09-10 16:46:03.905795+00', '{Commentaries,"Deleted Scenes","Behind the Scenes"}', '''ameli'':1 ''baloon'':19 ''bore'':4 ''conquer'':14 ''drama'':5 ''hellfight'':2 ''must'':13 ''squirrel'':11 ''student'':16 ''woman'':8'),
  ('80', 'BLANKET BEVERLY', 'A Emotional Documentary of a Student And a Girl who must Build a Boat in Nigeria', '2016', '1', NULL, '7', '2.99', '148', '21.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers}', '''bever'':2 ''blanket'':1 ''boat'':16 ''build'':14 ''documentari'':5 ''emot'':4 ''girl'':11 ''must'':13 ''nigeria'':18 ''student'':8'),
  ('396', 'HANGING DEEP', 'A Action-Packed Yarn of a Boat And a Crocodile who must Build a Monkey in Berlin', '2023', '1', NULL, '5', '4.99', '62', '18.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Deleted Scenes"}', '''action'':5 ''action-pack'':4 ''berlin'':20 ''boat'':10 ''build'':16 ''crocodil'':13 ''deep'':2 ''hang'':1 ''monkey'':18 ''must'':15 ''pack'':6 ''yarn'':7'),
  ('571', 'METAL ARMAGEDDON', 'A Thrilling Display of a Lumberjack And a Crocodile who must Meet a Monkey in A Baloon Factory', '2009', '1', NULL, '6', '2.99', '161', '26.99', 'PG-13', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Deleted Scenes"}', '''armageddon'':2 ''baloon'':19 ''crocodil'':11 ''display'':5 ''factori'':20 ''lumberjack'':8 ''meet'':14 ''metal'':1 ''monkey'':16 ''must'':13 ''thrill'':4'),
  ('42', 'ARTIST COLDBLOODED', 'A Stunning Reflection of a Robot And a Moose who must Challenge a Woman in California', '2008', '6', NULL, '5', '2.99', '170', '10.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{Trailers,"Behind the Scenes"}', '''artist'':1 ''california'':18 ''challeng'':14 ''coldblood'':2 ''moos'':11 ''must'':13 ''reflect'':5 ''robot'':8 ''stun'':4 ''woman'':16'),
  ('138', 'CHARIOTS CONSPIRACY', 'A Unbelieveable Epistle of a Robot And a Husband who must Chase a Robot in The First Manned Space Station', '2012', '1', NULL, '5', '2.99', '71', '29.99', 'R', '2022-09-10 16:46:03.905795+00', '{"Deleted Scenes","Behind the Scenes"}', '''chariot'':1 ''chase'':14 ''conspiraci'':2 ''epistl'':5 ''first'':19 ''husband'':11 ''man'':20 ''must'':13 ''robot'':8,16 ''space'':21 ''station'':22 ''unbeliev'':4'),
  ('159', 'CLOSER BANG', 'A Unbelieveable Panorama of a Frisbee And a Hunter who must Vanquish a Monkey in Ancient India', '2018', '1', NULL, '5', '4.99', '58', '12.99', 'R', '2022-09-10 16:46:03.905795+00', '{Trailers,"Behind the Scenes"}', '''ancient'':18 ''bang'':2 ''closer'':1 ''frisbe'':8 ''hunter'':11 ''india'':19 ''monkey'':16 ''must'':13 ''panorama'':5 ''unbeliev'':4 ''vanquish'':14'),
  ('186', 'CRAFT OUTFIELD', 'A Lacklusture Display of a Explorer And a Hunter who must Succumb a Database Administrator in A Baloon Factory', '2019', '5', NULL, '6', '0.99', '64', '17.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{"Deleted Scenes","Behind the Scenes"}', '''administr'':17 ''baloon'':20 ''craft'':1 ''databas'':16 ''display'':5 ''explor'':8 ''factori'':21 ''hunter'':11 ''lacklustur'':4 ''must'':13 ''outfield'':2 ''succumb'':14'),
  ('205', 'DANCES NONE', 'A Insightful Reflection of a A Shark And a Dog who must Kill a Butler in An Abandoned Amusement Park', '2008', '1', NULL, '3', '0.99', '58', '22.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Deleted Scenes","Behind the Scenes"}', '''abandon'':20 ''amus'':21 ''butler'':17 ''danc'':1 ''dog'':12 ''insight'':4 ''kill'':15 ''must'':14 ''none'':2 ''park'':22 ''reflect'':5 ''shark'':9'),
  ('237', 'DIVORCE SHINING', 'A Unbelieveable Saga of a Crocodile And a Student who must Discover a Cat in Ancient India', '2023', '1', NULL, '3', '2.99', '47', '21.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Deleted Scenes"}', '''ancient'':18 ''cat'':16 ''crocodil'':8 ''discov'':14 ''divorc'':1 ''india'':19 ''must'':13 ''saga'':5 ''shine'':2 ''student'':11 ''unbeliev'':4'),
  ('249', 'DRACULA CRYSTAL', 'A Thrilling Reflection of a Feminist And a Cat who must Find a Frisbee in An Abandoned Fun House', '2016', '4', NULL, '7', '0.99', '176', '26.99', 'G', '2022-09-10 16:46:03.905795+00', '{Commentaries}', '''abandon'':19 ''cat'':11 ''crystal'':2 ''dracula'':1 ''feminist'':8 ''find'':14 ''frisbe'':16 ''fun'':20 ''hous'':21 ''must'':13 ''reflect'':5 ''thrill'':4'),
  ('322', 'FLATLINERS KILLER', 'A Taut Display of a Secret Agent And a Waitress who must Sink a Robot in An Abandoned Mine Shaft', '2015', '1', NULL, '5', '2.99', '100', '29.99', 'G', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Deleted Scenes"}', '''abandon'':20 ''agent'':9 ''display'':5 ''flatlin'':1 ''killer'':2 ''mine'':21 ''must'':14 ''robot'':17 ''secret'':8 ''shaft'':22 ''sink'':15 ''taut'':4 ''waitress'':12'),
  ('367', 'GOLDMINE TYCOON', 'A Brilliant Epistle of a Composer And a Frisbee who must Conquer a Husband in The Outback', '2016', '1', NULL, '6', '0.99', '153', '20.99', 'R', '2022-09-10 16:46:03.905795+00', '{Trailers,"Behind the Scenes"}', '''brilliant'':4 ''compos'':8 ''conquer'':14 ''epistl'':5 ''frisbe'':11 ''goldmin'':1 ''husband'':16 ''must'':13 ''outback'':19 ''tycoon'':2'),
  ('559', 'MARRIED GO', 'A Fanciful Story of a Womanizer And a Dog who must Face a Forensic Psychologist in The Sahara Desert', '2020', '1', NULL, '7', '2.99', '114', '22.99', 'G', '2022-09-10 16:46:03.905795+00', '{"Behind the Scenes"}', '''desert'':21 ''dog'':11 ''face'':14 ''fanci'':4 ''forens'':16 ''go'':2 ''marri'':1 ''must'':13 ''psychologist'':17 ''sahara'':20 ''stori'':5 ''woman'':8'),
  ('651', 'PACKER MADIGAN', 'A Epic Display of a Sumo Wrestler And a Forensic Psychologist who must Build a Woman in An Abandoned Amusement Park', '2008', '1', NULL, '3', '0.99', '84', '20.99', 'PG-13', '2022-09-10 16:46:03.905795+00', '{Trailers}', '''abandon'':21 ''amus'':22 ''build'':16 ''display'':5 ''epic'':4 ''forens'':12 ''madigan'':2 ''must'':15 ''packer'':1 ''park'':23 ''psychologist'':13 ''sumo'':8 ''woman'':18 ''wrestler'':9'),
  ('756', 'SADDLE ANTITRUST', 'A Stunning Epistle of a Feminist And a A Shark who must Battle a Woman in An Abandoned Fun House', '2023', '5', NULL, '7', '2.99', '80', '10.99', 'PG-13', '2022-09-10 16:46:03.905795+00', '{Trailers,"Deleted Scenes"}', '''abandon'':20 ''antitrust'':2 ''battl'':15 ''epistl'':5 ''feminist'':8 ''fun'':21 ''hous'':22 ''must'':14 ''saddl'':1 ''shark'':12 ''stun'':4 ''woman'':17'),
  ('803', 'SLACKER LIAISONS', 'A Fast-Paced Tale of a A Shark And a Student who must Meet a Crocodile in Ancient China', '2010', '5', NULL, '7', '4.99', '179', '29.99', 'R', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries,"Behind the Scenes"}', '''ancient'':21 ''china'':22 ''crocodil'':19 ''fast'':5 ''fast-pac'':4 ''liaison'':2 ''meet'':17 ''must'':16 ''pace'':6 ''shark'':11 ''slacker'':1 ''student'':14 ''tale'':7'),
  ('818', 'SOMETHING DUCK', 'A Boring Character Study of a Car And a Husband who must Outgun a Frisbee in The First Manned Space Station', '2024', '1', NULL, '4', '4.99', '180', '17.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{Commentaries,"Behind the Scenes"}', '''bore'':4 ''car'':9 ''charact'':5 ''duck'':2 ''first'':20 ''frisbe'':17 ''husband'':12 ''man'':21 ''must'':14 ''outgun'':15 ''someth'':1 ''space'':22 ''station'':23 ''studi'':6'),
  ('851', 'STRAIGHT HOURS', 'A Boring Panorama of a Secret Agent And a Girl who must Sink a Waitress in The Outback', '2009', '1', NULL, '3', '0.99', '151', '19.99', 'R', '2022-09-10 16:46:03.905795+00', '{Commentaries,"Behind the Scenes"}', '''agent'':9 ''bore'':4 ''girl'':12 ''hour'':2 ''must'':14 ''outback'':20 ''panorama'':5 ''secret'':8 ''sink'':15 ''straight'':1 ''waitress'':17'),
  ('866', 'SUNSET RACER', 'A Awe-Inspiring Reflection of a Astronaut And a A Shark who must Defeat a Forensic Psychologist in California', '2007', '1', NULL, '6', '0.99', '48', '28.99', 'NC-17', '2022-09-10 16:46:03.905795+00', '{Commentaries,"Behind the Scenes"}', '''astronaut'':10 ''awe'':5 ''awe-inspir'':4 ''california'':22 ''defeat'':17 ''forens'':19 ''inspir'':6 ''must'':16 ''psychologist'':20 ''racer'':2 ''reflect'':7 ''shark'':14 ''sunset'':1'),
  ('870', 'SWARM GOLD', 'A Insightful Panorama of a Crocodile And a Boat who must Conquer a Sumo Wrestler in A MySQL Convention', '2013', '2', NULL, '4', '0.99', '123', '12.99', 'PG-13', '2022-09-10 16:46:03.905795+00', '{Trailers,Commentaries}', '''boat'':11 ''conquer'':14 ''convent'':21 ''crocodil'':8 ''gold'':2 ''insight'':4 ''must'':13 ''mysql'':20 ''panorama'':5 ''sumo'':16 ''swarm'':1 ''wrestler'':17'),
  ('964', 'WATERFRONT DELIVERANCE', 'A Unbelieveable Documentary of a Dentist And a Technical Writer who must Build a Womanizer in Nigeria', '2024', '1', NULL, '4', '4.99', '61', '17.99', 'G', '2022-09-10 16:46:03.905795+00', '{"Behind the Scenes"}', '''build'':15 ''deliver'':2 ''dentist'':8 ''documentari'':5 ''must'':14 ''nigeria'':19 ''technic'':11 ''unbeliev'':4 ''waterfront'':1 ''woman'':17 ''writer'':12');

INSERT INTO public.film_actor (actor_id, film_id, last_update) VALUES
  ('1', '23', '2022-02-15 10:05:03+00'),
  ('1', '25', '2022-02-15 10:05:03+00'),
  ('1', '1', '2022-02-15 10:05:03+00');

INSERT INTO public.film_category (film_id, category_id, last_update) VALUES
  ('1', '13', '2022-02-15 10:07:09+00'),
  ('1', '10', '2022-02-15 10:07:09+00'),
  ('1', '16', '2022-02-15 10:07:09+00');

INSERT INTO public.inventory (inventory_id, film_id, store_id, last_update) VALUES
  ('1', '1', '1', '2022-02-15 10:09:17+00'),
  ('10', '2', '2', '2022-02-15 10:09:17+00'),
  ('100', '20', '1', '2022-02-15 10:09:17+00'),
  ('367', '80', '1', '2022-02-15 10:09:17+00'),
  ('1824', '396', '2', '2022-02-15 10:09:17+00'),
  ('2599', '571', '1', '2022-02-15 10:09:17+00'),
  ('187', '42', '2', '2022-02-15 10:09:17+00'),
  ('633', '138', '1', '2022-02-15 10:09:17+00'),
  ('730', '159', '2', '2022-02-15 10:09:17+00'),
  ('847', '186', '1', '2022-02-15 10:09:17+00'),
  ('924', '205', '1', '2022-02-15 10:09:17+00'),
  ('1066', '237', '1', '2022-02-15 10:09:17+00'),
  ('1123', '249', '2', '2022-02-15 10:09:17+00'),
  ('1474', '322', '2', '2022-02-15 10:09:17+00'),
  ('1681', '367', '1', '2022-02-15 10:09:17+00'),
  ('2546', '559', '1', '2022-02-15 10:09:17+00'),
  ('2970', '651', '1', '2022-02-15 10:09:17+00'),
  ('3448', '756', '2', '2022-02-15 10:09:17+00'),
  ('3669', '803', '1', '2022-02-15 10:09:17+00'),
  ('3741', '818', '1', '2022-02-15 10:09:17+00'),
  ('3900', '851', '2', '2022-02-15 10:09:17+00'),
  ('3975', '866', '2', '2022-02-15 10:09:17+00'),
  ('3995', '870', '2', '2022-02-15 10:09:17+00'),
  ('4412', '964', '2', '2022-02-15 10:09:17+00');

INSERT INTO public.language (language_id, name, last_update) VALUES
  ('1', 'English', '2022-02-15 10:02:19+00'),
  ('2', 'Italian', '2022-02-15 10:02:19+00'),
  ('3', 'Japanese', '2022-02-15 10:02:19+00'),
  ('4', 'Mandarin', '2022-02-15 10:02:19+00'),
  ('5', 'French', '2022-02-15 10:02:19+00'),
  ('6', 'German', '2022-02-15 10:02:19+00');

INSERT INTO public.payment_p2022_01 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16051', '269', '1', '98', '0.99', '2022-01-29 01:58:52.222594+00'),
  ('16065', '274', '1', '147', '2.99', '2022-01-25 12:14:16.895377+00'),
  ('16109', '297', '2', '143', '0.99', '2022-01-28 00:49:49.128218+00');

INSERT INTO public.payment_p2022_02 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16056', '270', '1', '193', '1.99', '2022-02-03 01:49:30.663659+00'),
  ('16075', '278', '1', '1092', '4.99', '2022-02-14 16:08:09.981165+00'),
  ('16077', '279', '2', '1019', '0.99', '2022-02-09 21:43:26.740315+00');

INSERT INTO public.payment_p2022_03 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16053', '269', '2', '703', '0.99', '2022-03-02 19:51:40.813503+00'),
  ('16058', '271', '1', '1096', '8.99', '2022-03-19 06:19:47.019162+00'),
  ('16059', '272', '1', '33', '0.99', '2022-03-12 13:32:36.628975+00');

INSERT INTO public.payment_p2022_04 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16066', '274', '1', '208', '4.99', '2022-04-15 12:28:07.452161+00'),
  ('16069', '274', '2', '474', '2.99', '2022-04-27 18:46:10.151444+00'),
  ('16074', '277', '2', '308', '6.99', '2022-04-04 10:51:07.496345+00');

INSERT INTO public.payment_p2022_05 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16055', '269', '2', '1099', '2.99', '2022-05-20 15:54:02.174545+00'),
  ('16057', '270', '1', '1040', '4.99', '2022-05-11 09:27:17.752545+00'),
  ('16067', '274', '2', '301', '2.99', '2022-05-11 03:38:43.477404+00');

INSERT INTO public.payment_p2022_06 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16050', '269', '2', '7', '1.99', '2022-06-21 07:41:50.707316+00'),
  ('16052', '269', '2', '678', '6.99', '2022-06-26 22:37:21.783785+00'),
  ('16054', '269', '1', '750', '4.99', '2022-06-02 03:29:53.30199+00');

INSERT INTO public.payment_p2022_07 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
  ('16061', '272', '1', '1041', '6.99', '2022-07-19 06:32:02.911937+00'),
  ('16064', '273', '2', '980', '0.99', '2022-07-07 07:15:37.160099+00'),
  ('16071', '275', '2', '336', '2.99', '2022-07-04 09:47:03.440928+00');

INSERT INTO public.rental (rental_id, rental_date, inventory_id, customer_id, return_date, staff_id, last_update) VALUES
  ('1', '2022-05-24 21:53:30+00', '367', '130', '2022-05-26 21:04:30+00', '1', '2022-02-15 21:30:53+00'),
  ('10', '2022-05-24 23:02:21+00', '1824', '399', '2022-05-31 21:44:21+00', '2', '2022-02-16 02:30:53+00'),
  ('100', '2022-05-25 15:50:28+00', '2599', '208', '2022-06-02 21:11:28+00', '1', '2022-02-16 02:30:53+00'),
  ('33', '2022-05-25 03:18:51+00', '1681', '272', '2022-05-27 02:58:51+00', '1', '2022-02-16 02:30:53+00'),
  ('703', '2022-05-29 01:29:36+00', '1123', '269', '2022-06-03 03:54:36+00', '2', '2022-02-16 02:30:53+00'),
  ('1096', '2022-05-31 12:30:49+00', '1066', '271', '2022-06-09 12:53:49+00', '1', '2022-02-16 02:30:53+00'),
  ('208', '2022-05-26 07:10:22+00', '3669', '274', '2022-05-27 02:55:22+00', '1', '2022-02-16 02:30:53+00'),
  ('308', '2022-05-26 21:01:39+00', '187', '277', '2022-06-04 19:24:39+00', '2', '2022-02-16 02:30:53+00'),
  ('474', '2022-05-27 21:11:56+00', '1474', '274', '2022-05-31 18:07:56+00', '1', '2022-02-16 02:30:53+00'),
  ('301', '2022-05-26 20:06:14+00', '3448', '274', '2022-06-01 00:54:14+00', '2', '2022-02-16 02:30:53+00'),
  ('1040', '2022-05-31 04:35:16+00', '2546', '270', '2022-06-09 03:14:16+00', '1', '2022-02-16 02:30:53+00'),
  ('1099', '2022-05-31 12:54:48+00', '924', '269', '2022-06-05 12:04:48+00', '2', '2022-02-16 02:30:53+00'),
  ('7', '2022-05-24 22:11:53+00', '3995', '269', '2022-05-29 19:34:53+00', '2', '2022-02-16 02:30:53+00'),
  ('678', '2022-05-28 22:15:48+00', '3741', '269', '2022-06-03 03:43:48+00', '2', '2022-02-16 02:30:53+00'),
  ('750', '2022-05-29 08:41:40+00', '730', '269', '2022-05-30 12:31:40+00', '1', '2022-02-16 02:30:53+00'),
  ('98', '2022-05-25 15:48:24+00', '2970', '269', '2022-05-27 10:29:24+00', '2', '2022-02-16 02:30:53+00'),
  ('143', '2022-05-25 22:45:52+00', '847', '297', '2022-05-27 20:41:52+00', '2', '2022-02-16 02:30:53+00'),
  ('147', '2022-05-25 23:17:50+00', '633', '274', '2022-05-29 22:21:50+00', '2', '2022-02-16 02:30:53+00'),
  ('193', '2022-05-26 05:41:48+00', '3900', '270', '2022-05-30 05:21:48+00', '2', '2022-02-16 02:30:53+00'),
  ('1019', '2022-05-31 02:05:07+00', '3975', '279', '2022-06-03 07:34:07+00', '1', '2022-02-16 02:30:53+00'),
  ('1092', '2022-05-31 11:15:57+00', '4412', '278', '2022-06-03 14:39:57+00', '2', '2022-02-16 02:30:53+00');

INSERT INTO public.staff (staff_id, first_name, last_name, address_id, email, store_id, active, username, password, last_update, picture) VALUES
  ('0', 'Tisha', 'DuBuque', '28', 'schneider9987@rosenbaumreichert.com', '23', 'true', 'sina.corkery', '8cb2237d0679ca88db6464eac60da96345513964', '2022-05-16 15:13:11.79328+00', NULL),
  ('1', 'Warner', 'Hudson', '45', 'hartmann1448@ratkehaley.com', '25', 'true', 'fay.kub', '8cb2237d0679ca88db6464eac60da96345513964', '2022-05-16 15:13:11.79328+00', NULL),
  ('10', 'Javier', 'Tromp', '37', 'ondricka8711@terryandsons.com', '33', 'true', 'valentin.yundt', '8cb2237d0679ca88db6464eac60da96345513964', '2022-05-16 15:13:11.79328+00', NULL),
  ('2', 'Lavone', 'O''Reilly', '6', 'mclaughlin3045@kleinwisokyandswaniawski.com', '33', 'true', 'gaston.wuckert', '8cb2237d0679ca88db6464eac60da96345513964', '2022-05-16 15:13:11.79328+00', NULL);

INSERT INTO public.store (store_id, manager_staff_id, address_id, last_update) VALUES
  ('0', '0', '73', '2022-02-15 09:57:12+00'),
  ('1', '1', '129', '2022-02-15 09:57:12+00'),
  ('10', '10', '108', '2022-02-15 09:57:12+00'),
  ('2', '2', '12', '2022-02-15 09:57:12+00'),
  ('23', '23', '2', '2022-02-15 09:57:12+00'),
  ('25', '25', '6', '2022-02-15 09:57:12+00'),
  ('33', '33', '71', '2022-02-15 09:57:12+00');

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

--
-- Name: actor actor_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actor
    ADD CONSTRAINT actor_pkey PRIMARY KEY (actor_id);


--
-- Name: address address_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address
    ADD CONSTRAINT address_pkey PRIMARY KEY (address_id);


--
-- Name: category category_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.category
    ADD CONSTRAINT category_pkey PRIMARY KEY (category_id);


--
-- Name: city city_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.city
    ADD CONSTRAINT city_pkey PRIMARY KEY (city_id);


--
-- Name: country country_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.country
    ADD CONSTRAINT country_pkey PRIMARY KEY (country_id);


--
-- Name: customer customer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (customer_id);


--
-- Name: film_actor film_actor_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_actor
    ADD CONSTRAINT film_actor_pkey PRIMARY KEY (actor_id, film_id);


--
-- Name: film_category film_category_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_category
    ADD CONSTRAINT film_category_pkey PRIMARY KEY (film_id, category_id);


--
-- Name: film film_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film
    ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);


--
-- Name: inventory inventory_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inventory
    ADD CONSTRAINT inventory_pkey PRIMARY KEY (inventory_id);


--
-- Name: language language_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.language
    ADD CONSTRAINT language_pkey PRIMARY KEY (language_id);


--
-- Name: payment payment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_01 payment_p2022_01_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_01
    ADD CONSTRAINT payment_p2022_01_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_02 payment_p2022_02_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_02
    ADD CONSTRAINT payment_p2022_02_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_03 payment_p2022_03_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_03
    ADD CONSTRAINT payment_p2022_03_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_04 payment_p2022_04_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_04
    ADD CONSTRAINT payment_p2022_04_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_05 payment_p2022_05_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_05
    ADD CONSTRAINT payment_p2022_05_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_06 payment_p2022_06_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_06
    ADD CONSTRAINT payment_p2022_06_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: payment_p2022_07 payment_p2022_07_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_07
    ADD CONSTRAINT payment_p2022_07_pkey PRIMARY KEY (payment_date, payment_id);


--
-- Name: rental rental_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_pkey PRIMARY KEY (rental_id);


--
-- Name: staff staff_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (staff_id);


--
-- Name: store store_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store
    ADD CONSTRAINT store_pkey PRIMARY KEY (store_id);


--
-- Name: film_fulltext_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX film_fulltext_idx ON public.film USING gist (fulltext);


--
-- Name: idx_actor_last_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_actor_last_name ON public.actor USING btree (last_name);


--
-- Name: idx_fk_address_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_address_id ON public.customer USING btree (address_id);


--
-- Name: idx_fk_city_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_city_id ON public.address USING btree (city_id);


--
-- Name: idx_fk_country_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_country_id ON public.city USING btree (country_id);


--
-- Name: idx_fk_film_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_film_id ON public.film_actor USING btree (film_id);


--
-- Name: idx_fk_inventory_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_inventory_id ON public.rental USING btree (inventory_id);


--
-- Name: idx_fk_language_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_language_id ON public.film USING btree (language_id);


--
-- Name: idx_fk_original_language_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_original_language_id ON public.film USING btree (original_language_id);


--
-- Name: idx_fk_payment_p2022_01_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_01_customer_id ON public.payment_p2022_01 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_01_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_01_staff_id ON public.payment_p2022_01 USING btree (staff_id);


--
-- Name: idx_fk_payment_p2022_02_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_02_customer_id ON public.payment_p2022_02 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_02_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_02_staff_id ON public.payment_p2022_02 USING btree (staff_id);


--
-- Name: idx_fk_payment_p2022_03_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_03_customer_id ON public.payment_p2022_03 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_03_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_03_staff_id ON public.payment_p2022_03 USING btree (staff_id);


--
-- Name: idx_fk_payment_p2022_04_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_04_customer_id ON public.payment_p2022_04 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_04_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_04_staff_id ON public.payment_p2022_04 USING btree (staff_id);


--
-- Name: idx_fk_payment_p2022_05_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_05_customer_id ON public.payment_p2022_05 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_05_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_05_staff_id ON public.payment_p2022_05 USING btree (staff_id);


--
-- Name: idx_fk_payment_p2022_06_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_06_customer_id ON public.payment_p2022_06 USING btree (customer_id);


--
-- Name: idx_fk_payment_p2022_06_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_payment_p2022_06_staff_id ON public.payment_p2022_06 USING btree (staff_id);


--
-- Name: idx_fk_store_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_fk_store_id ON public.customer USING btree (store_id);


--
-- Name: idx_last_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_last_name ON public.customer USING btree (last_name);


--
-- Name: idx_store_id_film_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_store_id_film_id ON public.inventory USING btree (store_id, film_id);


--
-- Name: idx_title; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_title ON public.film USING btree (title);


--
-- Name: idx_unq_manager_staff_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_unq_manager_staff_id ON public.store USING btree (manager_staff_id);


--
-- Name: idx_unq_rental_rental_date_inventory_id_customer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_unq_rental_rental_date_inventory_id_customer_id ON public.rental USING btree (rental_date, inventory_id, customer_id);


--
-- Name: payment_p2022_01_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_01_customer_id_idx ON public.payment_p2022_01 USING btree (customer_id);


--
-- Name: payment_p2022_02_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_02_customer_id_idx ON public.payment_p2022_02 USING btree (customer_id);


--
-- Name: payment_p2022_03_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_03_customer_id_idx ON public.payment_p2022_03 USING btree (customer_id);


--
-- Name: payment_p2022_04_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_04_customer_id_idx ON public.payment_p2022_04 USING btree (customer_id);


--
-- Name: payment_p2022_05_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_05_customer_id_idx ON public.payment_p2022_05 USING btree (customer_id);


--
-- Name: payment_p2022_06_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_p2022_06_customer_id_idx ON public.payment_p2022_06 USING btree (customer_id);


--
-- Name: rental_category; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX rental_category ON public.rental_by_category USING btree (category);


--
-- Name: payment_p2022_01_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_01_pkey;


--
-- Name: payment_p2022_02_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_02_pkey;


--
-- Name: payment_p2022_03_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_03_pkey;


--
-- Name: payment_p2022_04_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_04_pkey;


--
-- Name: payment_p2022_05_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_05_pkey;


--
-- Name: payment_p2022_06_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_06_pkey;


--
-- Name: payment_p2022_07_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_07_pkey;


--
-- Name: film film_fulltext_trigger; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('fulltext', 'pg_catalog.english', 'title', 'description');


--
-- Name: actor last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: address last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.address FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: category last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.category FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: city last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.city FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: country last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.country FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: customer last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.customer FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: film last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: film_actor last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.film_actor FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: film_category last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.film_category FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: inventory last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.inventory FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: language last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.language FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: rental last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.rental FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: staff last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.staff FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: store last_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER last_updated BEFORE UPDATE ON public.store FOR EACH ROW EXECUTE FUNCTION public.last_updated();


--
-- Name: address address_city_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address
    ADD CONSTRAINT address_city_id_fkey FOREIGN KEY (city_id) REFERENCES public.city(city_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: city city_country_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.city
    ADD CONSTRAINT city_country_id_fkey FOREIGN KEY (country_id) REFERENCES public.country(country_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: customer customer_address_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_address_id_fkey FOREIGN KEY (address_id) REFERENCES public.address(address_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: customer customer_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.store(store_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film_actor film_actor_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_actor
    ADD CONSTRAINT film_actor_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.actor(actor_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film_actor film_actor_film_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_actor
    ADD CONSTRAINT film_actor_film_id_fkey FOREIGN KEY (film_id) REFERENCES public.film(film_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film_category film_category_category_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_category
    ADD CONSTRAINT film_category_category_id_fkey FOREIGN KEY (category_id) REFERENCES public.category(category_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film_category film_category_film_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film_category
    ADD CONSTRAINT film_category_film_id_fkey FOREIGN KEY (film_id) REFERENCES public.film(film_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film film_language_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film
    ADD CONSTRAINT film_language_id_fkey FOREIGN KEY (language_id) REFERENCES public.language(language_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: film film_original_language_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film
    ADD CONSTRAINT film_original_language_id_fkey FOREIGN KEY (original_language_id) REFERENCES public.language(language_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: inventory inventory_film_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inventory
    ADD CONSTRAINT inventory_film_id_fkey FOREIGN KEY (film_id) REFERENCES public.film(film_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: inventory inventory_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inventory
    ADD CONSTRAINT inventory_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.store(store_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: payment_p2022_01 payment_p2022_01_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_01
    ADD CONSTRAINT payment_p2022_01_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_01 payment_p2022_01_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_01
    ADD CONSTRAINT payment_p2022_01_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_01 payment_p2022_01_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_01
    ADD CONSTRAINT payment_p2022_01_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: payment_p2022_02 payment_p2022_02_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_02
    ADD CONSTRAINT payment_p2022_02_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_02 payment_p2022_02_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_02
    ADD CONSTRAINT payment_p2022_02_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_02 payment_p2022_02_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_02
    ADD CONSTRAINT payment_p2022_02_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: payment_p2022_03 payment_p2022_03_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_03
    ADD CONSTRAINT payment_p2022_03_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_03 payment_p2022_03_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_03
    ADD CONSTRAINT payment_p2022_03_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_03 payment_p2022_03_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_03
    ADD CONSTRAINT payment_p2022_03_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: payment_p2022_04 payment_p2022_04_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_04
    ADD CONSTRAINT payment_p2022_04_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_04 payment_p2022_04_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_04
    ADD CONSTRAINT payment_p2022_04_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_04 payment_p2022_04_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_04
    ADD CONSTRAINT payment_p2022_04_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: payment_p2022_05 payment_p2022_05_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_05
    ADD CONSTRAINT payment_p2022_05_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_05 payment_p2022_05_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_05
    ADD CONSTRAINT payment_p2022_05_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_05 payment_p2022_05_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_05
    ADD CONSTRAINT payment_p2022_05_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: payment_p2022_06 payment_p2022_06_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_06
    ADD CONSTRAINT payment_p2022_06_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: payment_p2022_06 payment_p2022_06_rental_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_06
    ADD CONSTRAINT payment_p2022_06_rental_id_fkey FOREIGN KEY (rental_id) REFERENCES public.rental(rental_id);


--
-- Name: payment_p2022_06 payment_p2022_06_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_p2022_06
    ADD CONSTRAINT payment_p2022_06_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id);


--
-- Name: rental rental_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: rental rental_inventory_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_inventory_id_fkey FOREIGN KEY (inventory_id) REFERENCES public.inventory(inventory_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: rental rental_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(staff_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: staff staff_address_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_address_id_fkey FOREIGN KEY (address_id) REFERENCES public.address(address_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- Name: staff staff_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.store(store_id);


--
-- Name: store store_address_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store
    ADD CONSTRAINT store_address_id_fkey FOREIGN KEY (address_id) REFERENCES public.address(address_id) ON UPDATE CASCADE ON DELETE RESTRICT;


--
-- PostgreSQL database dump complete
--



